/// Words too common to say what a text is about, left out of text similarity (but still
/// matched inside a phrase such as "achievement gap in math").
enum RadarStopwords {
    static let words: [String] = [
        // English
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "doe", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
        "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "new", "no", "nor", "not",
        "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own",
        "said", "same", "say", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "two", "under", "until",
        "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
        "with", "would", "year", "you", "your", "yours", "yourself",
        // Spanish
        "al", "como", "con", "de", "del", "el", "en", "es", "esta", "la", "las", "lo", "los", "mas", "para", "pero", "por",
        "que", "se", "sin", "sobre", "su", "sus", "un", "una", "uno", "y",
    ]
}
