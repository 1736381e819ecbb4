extension IssueMatcher {
    /// How evidence becomes a score, and when similarity alone is enough.
    ///
    /// Each keyword found adds evidence `fieldWeight × (1 + ln count) × phraseBoost`, and the
    /// keyword score is `1 − e^(−evidence)`: one mention in a title gives 0.63, one in a summary
    /// 0.39, one in the content 0.22, and more mentions or keywords approach 1 without reaching
    /// it. A similarity at or above the threshold is then combined as an independent piece of
    /// evidence: `score = 1 − (1 − keywordScore)(1 − cosine)`.
    public struct Configuration: Sendable, Equatable {
        public var titleWeight = 1.0
        public var categoryWeight = 0.8
        public var summaryWeight = 0.5
        public var contentWeight = 0.25
        /// Added per extra word of a phrase (capped at +50 %): "chronic absenteeism" says more
        /// than "attendance".
        public var phraseBoostPerWord = 0.25
        /// TF-IDF cosine from which an item counts as about the issue without its keywords.
        ///
        /// 0.25: with summaries of a few sentences, items on a different issue of the same
        /// domain (all school news) stay below about 0.12 in our tests and the synthetic
        /// benchmark, while items written about the issue in other words reach 0.3–0.5.
        /// Lower it to cast a wider net, raise it for fewer surprises.
        public var similarityThreshold = 0.25
        /// Distinct informative words an item must share with the profile for a
        /// similarity-only match, so that a one-line item sharing one rare word does not match.
        public var minimumSharedTerms = 3
        /// Share of the profile that comes from the keywords and summary when the issue has
        /// recent items; the rest is the centroid of those items.
        public var keywordProfileShare = 0.5
        /// Words kept per issue profile (the heaviest ones); bounds the work per item.
        public var profileTerms = 64
        /// Words found in more than this share of the corpus (issues and recent items) are
        /// left out of the profiles, as in scikit-learn's `max_df`: they say little about any
        /// one issue and would make every item meet every profile. Applied only from
        /// `commonTermMinimumCorpus` documents, since in a small corpus every word looks common.
        public var commonTermShare = 0.5
        public var commonTermMinimumCorpus = 20
        /// The issue name counts as one more keyword.
        public var nameIsKeyword = true
        /// Matches scoring below this are not returned.
        public var minimumScore = 0.0

        public init() {}
    }
}
