/// Folds English plurals and possessives so "absences" finds "absence" and "policies" finds
/// "policy".
///
/// A deliberately weak stemmer (in the spirit of Harman's S-stemmer): it only removes plural
/// endings, so it never merges words of different meaning ("organ" and "organization"), and it
/// is applied the same way to keywords and to item text, so an imperfect stem ("buses" →
/// "buse") still matches itself. Words of three letters or fewer are left alone ("ais", "its").
enum RadarStemmer {
    static func stem(_ word: inout [UInt8]) {
        let n = word.count
        guard n >= 4, word[n - 1] == UInt8(ascii: "s") else { return }
        func ends(_ suffix: StaticString) -> Bool {
            let m = suffix.utf8CodeUnitCount
            guard m <= n else { return false }
            let p = suffix.utf8Start
            for k in 0..<m where word[n - m + k] != p[k] { return false }
            return true
        }
        if ends("ies"), !ends("eies"), !ends("aies"), n > 4 {
            word.removeLast(3); word.append(UInt8(ascii: "y"))
        } else if ends("sses") || ends("xes") || ends("ches") || ends("shes") || ends("zzes") {
            word.removeLast(2)
        } else if ends("es"), !ends("aes"), !ends("ees"), !ends("oes") {
            word.removeLast()
        } else if !ends("us"), !ends("ss"), !ends("is") {
            word.removeLast()
        }
    }
}
