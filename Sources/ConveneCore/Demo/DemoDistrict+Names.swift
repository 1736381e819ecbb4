import Foundation

/// Given and family names by heritage, so families share plausible surnames and a household's
/// preferred language can follow its names. The lists avoid near-spelling pairs (Jon and John,
/// Sara and Sarah) so that the only close matches in the output are the planted duplicates.
struct DemoCulture: Sendable {
    var given: [String]
    var family: [String]
    /// The household language when it is not English, and how often it is preferred.
    var language: String?
    var languageShare: Double
    /// How common the heritage is among district families.
    var weight: Int
}

enum DemoNames {
    static let cultures: [DemoCulture] = [anglo, hispanic, vietnamese, chinese, somali, arabic, filipino, southAsian, korean]

    static let anglo = DemoCulture(
        given: ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
                "William", "Susan", "Sarah", "Thomas", "Karen", "Christopher", "Emily", "Daniel", "Jessica", "Matthew",
                "Ashley", "Andrew", "Megan", "Joshua", "Rachel", "Ryan", "Lauren", "Kevin", "Hannah", "Brian",
                "Olivia", "Tyler", "Grace", "Ethan", "Abigail", "Nathan", "Claire", "Catherine", "Stephen", "DeShawn",
                "Keisha", "Jamal", "Imani", "Darnell", "Aaliyah", "Marcus", "Tanisha", "Zoë", "Chloé", "Renée"],
        family: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
                 "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
                 "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker",
                 "Nelson", "Carter", "Mitchell", "Campbell", "Roberts", "Turner", "Phillips", "Parker", "Evans", "Edwards",
                 "Collins", "Stewart", "Murphy", "Cook", "Bailey", "Cooper", "Brooks", "Washington", "Jenkins", "Coleman",
                 "O'Brien", "Sullivan", "Kowalski", "Schmidt", "MacDonald"],
        language: nil, languageShare: 0, weight: 33)

    static let hispanic = DemoCulture(
        given: ["José", "María", "Juan", "Guadalupe", "Luis", "Carmen", "Carlos", "Ana", "Jesús", "Rosa",
                "Miguel", "Sofía", "Alejandro", "Lucía", "Javier", "Isabel", "Francisco", "Gabriela", "Ricardo", "Daniela",
                "Fernando", "Valeria", "Eduardo", "Mariana", "Héctor", "Adriana", "Ramón", "Verónica", "Diego", "Leticia",
                "Jorge", "Yesenia", "Mateo", "Ximena", "Santiago", "Camila", "Raúl", "Itzel"],
        family: ["García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres",
                 "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Gutiérrez", "Ortiz", "Chávez", "Ruiz",
                 "Castillo", "Vásquez", "Jiménez", "Romero", "Herrera", "Medina", "Aguilar", "Vargas", "Castro", "Guzmán",
                 "Salazar", "Ibarra", "Delgado", "Núñez", "Soto", "Ochoa", "Zamora", "Espinoza", "Cervantes", "Villaseñor"],
        language: "es", languageShare: 0.7, weight: 36)

    static let vietnamese = DemoCulture(
        given: ["Anh", "Minh", "Linh", "Thanh", "Huong", "Tuan", "Lan", "Duc", "Mai", "Quang",
                "Ngoc", "Hung", "Thu", "Bao", "Trang", "Khoa", "Phuong", "Vy"],
        family: ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Vo", "Dang", "Bui",
                 "Do", "Ho", "Ngo", "Duong", "Ly"],
        language: "vi", languageShare: 0.55, weight: 6)

    static let chinese = DemoCulture(
        given: ["Wei", "Jing", "Xiu", "Hao", "Mei", "Jun", "Yan", "Lei", "Fang", "Ming",
                "Hui", "Xin", "Qiang", "Ling", "Tao", "Yue"],
        family: ["Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
                 "Sun", "Zhu", "Lin", "Guo", "Lam", "Chan"],
        language: "zh", languageShare: 0.5, weight: 6)

    static let somali = DemoCulture(
        given: ["Abdi", "Amina", "Hassan", "Fadumo", "Mohamed", "Hodan", "Abdirahman", "Sahra", "Ahmed", "Halima",
                "Ayaan", "Yusuf", "Hibaaq", "Ismail", "Ifrah", "Deeqa"],
        family: ["Abdullahi", "Warsame", "Farah", "Jama", "Ali", "Osman", "Aden", "Hersi", "Nur", "Duale",
                 "Egal", "Mohamud", "Guled", "Samatar"],
        language: "so", languageShare: 0.6, weight: 4)

    static let arabic = DemoCulture(
        given: ["Omar", "Fatima", "Adel", "Layla", "Khalid", "Nour", "Tariq", "Mariam", "Samir", "Rania",
                "Karim", "Huda", "Bilal", "Salma", "Hamza", "Dina", "Ziad", "Yara"],
        family: ["Haddad", "Khoury", "Mansour", "Saleh", "Nasser", "Hamdan", "Aziz", "Darwish", "Abboud", "Khalil",
                 "Sabbagh", "Qasim", "Rahman", "Farouk", "Othman"],
        language: "ar", languageShare: 0.55, weight: 5)

    static let filipino = DemoCulture(
        given: ["Maricel", "Jericho", "Rowena", "Ramil", "Jocelyn", "Arnel", "Marites", "Rodel", "Liza", "Jonel",
                "Cristina", "Noel", "Rosalie", "Ronaldo", "Angelica", "Paolo"],
        family: ["Santos", "Reyes", "dela Cruz", "Bautista", "Villanueva", "Mendoza", "Aquino", "Ramos", "Manalo", "Pascual",
                 "Soriano", "Dizon", "Navarro", "Macaraeg", "Tolentino", "Lacson"],
        language: "tl", languageShare: 0.35, weight: 5)

    static let southAsian = DemoCulture(
        given: ["Priya", "Arjun", "Ananya", "Rohan", "Sanjay", "Deepa", "Harpreet", "Gurpreet", "Kavya", "Vikram"],
        family: ["Patel", "Singh", "Kaur", "Sharma", "Gupta", "Reddy", "Bhatt", "Iyer"],
        language: nil, languageShare: 0, weight: 3)

    static let korean = DemoCulture(
        given: ["Ji-woo", "Min-jun", "Seo-yeon", "Hyun-woo", "Eun-ji", "Soo-ah"],
        family: ["Kim", "Park", "Choi", "Jung", "Kang", "Yoon"],
        language: "ko", languageShare: 0.3, weight: 2)

    /// Spelling variants and nicknames a second record might carry for the same person.
    static let variants: [String: String] = [
        "John": "Jon", "Catherine": "Katherine", "Stephen": "Steven", "Sarah": "Sara", "Mohamed": "Mohammed",
        "Michael": "Micheal", "Rachel": "Rachael", "Megan": "Meghan", "Cristina": "Christina", "Jocelyn": "Joselyn",
        "Hassan": "Hasan", "Fatima": "Fatuma", "Khalid": "Khaled", "Layla": "Leila", "Yusuf": "Yousuf",
        "Isabel": "Isabelle", "Jennifer": "Jenifer", "Ahmed": "Ahmad", "Abdirahman": "Abdi Rahman", "Elizabeth": "Elisabeth",
        "Matthew": "Mathew", "Jessica": "Jesica", "Christopher": "Cristopher", "Huong": "Hương", "Phuong": "Phương",
    ]
}
