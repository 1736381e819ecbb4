import Foundation

/// SVG charts drawn on the server for pages without JavaScript: each function returns one
/// self-contained `<svg>` element that scales to the width of its container.
public enum Charts {
    /// A stakeholder on the power–interest grid; `target` is an IAP2 level such as "involve".
    public struct GridPoint: Sendable, Hashable {
        public var id: String
        public var label: String
        public var influence: Int
        public var interest: Int
        public var target: String?
        public var href: String?

        public init(id: String, label: String, influence: Int, interest: Int, target: String? = nil, href: String? = nil) {
            self.id = id
            self.label = label
            self.influence = influence
            self.interest = interest
            self.target = target
            self.href = href
        }
    }

    /// A person or organization in a relationship network; `kind` is "person" or "organization".
    public struct NetworkNode: Sendable, Hashable {
        public var id: String
        public var label: String
        public var kind: String
        public var href: String?

        public init(id: String, label: String, kind: String, href: String? = nil) {
            self.id = id
            self.label = label
            self.kind = kind
            self.href = href
        }
    }

    /// A relationship between the centre and `node`: from the centre when `outgoing`, else towards it.
    public struct NetworkEdge: Sendable, Hashable {
        public var node: NetworkNode
        public var label: String
        public var outgoing: Bool

        public init(node: NetworkNode, label: String, outgoing: Bool) {
            self.node = node
            self.label = label
            self.outgoing = outgoing
        }
    }

    /// One period's bar: `value` from the axis up, with `secondary` (if any) stacked on top.
    public struct BarPoint: Sendable, Hashable {
        public var label: String
        public var value: Int
        public var secondary: Int?

        public init(label: String, value: Int, secondary: Int? = nil) {
            self.label = label
            self.value = value
            self.secondary = secondary
        }
    }
}

// MARK: - Power–interest grid

extension Charts {
    /// IAP2 levels in order of increasing public influence, coloured from the Okabe–Ito palette
    /// (safe for colour-blind readers, distinct in greyscale print).
    private static let levels: [(key: String, name: String, fill: String)] = [
        ("inform", "Inform", "#56B4E9"), ("consult", "Consult", "#009E73"), ("involve", "Involve", "#E69F00"),
        ("collaborate", "Collaborate", "#D55E00"), ("empower", "Empower", "#CC79A7"),
    ]

    /// Mendelow's grid: interest across, influence up, one dot per stakeholder coloured by IAP2 target.
    /// Scores of 3 sit on the dividing lines; dots are spread around their cell by a hash of the id.
    public static func powerInterestGrid(_ points: [GridPoint], title: String) -> String {
        // A strip of `pad` on every side of the five cells keeps the quadrant names clear of the dots.
        let x0 = 64.0, y0 = 44.0, side = 392.0, pad = 22.0, cell = (side - 2 * pad) / 5, half = side / 2
        var b = text(title, 16, 26, size: 15, weight: "600")
        let quadrants = [("Keep satisfied", x0, y0, "#fff3d9"), ("Manage closely", x0 + half, y0, "#fbe3d8"),
                         ("Monitor", x0, y0 + half, "#efefef"), ("Keep informed", x0 + half, y0 + half, "#e1effa")]
        for (name, x, y, fill) in quadrants {
            let right = x > x0
            b += rect(x, y, half, half, fill: fill)
            b += text(name, right ? x + half - 8 : x + 8, y == y0 ? y + 16 : y + half - 6,
                      anchor: right ? "end" : "start", size: 13, weight: "600", fill: muted)
        }
        b += line(x0 + half, y0, x0 + half, y0 + side, stroke: muted, dash: "4 3")
        b += line(x0, y0 + half, x0 + side, y0 + half, stroke: muted, dash: "4 3")
        b += "<rect x=\"\(num(x0))\" y=\"\(num(y0))\" width=\"\(num(side))\" height=\"\(num(side))\" "
            + "fill=\"none\" stroke=\"\(muted)\"/>"
        for v in 1...5 {
            let offset = pad + (Double(v) - 0.5) * cell
            b += text(String(v), x0 + offset, y0 + side + 18, anchor: "middle", fill: muted)
            b += text(String(v), x0 - 10, y0 + side - offset + 4, anchor: "end", fill: muted)
        }
        b += text("Interest →", x0 + half, y0 + side + 38, anchor: "middle", weight: "600")
        b += text("Influence →", 0, 0, anchor: "middle", weight: "600",
                  extra: " transform=\"translate(24 \(num(y0 + half))) rotate(-90)\"")

        // One group per level so the fill is written once, not 5,000 times; hollow "no target"
        // dots go first so the coloured ones stay visible where they crowd.
        var groups = [[GridPoint]](repeating: [], count: levels.count + 1)
        for p in points { groups[levelIndex(p.target).map { $0 + 1 } ?? 0].append(p) }
        let r = points.count > 1000 ? 2.5 : points.count > 200 ? 3.5 : 5
        for (g, members) in groups.enumerated() where !members.isEmpty {
            b += g > 0 ? "<g fill=\"\(levels[g - 1].fill)\" stroke=\"#fff\" stroke-width=\"0.6\">"
                : "<g fill=\"#fff\" stroke=\"#4d4d4d\" stroke-width=\"1\">"
            for p in members {
                var rng = SplitMix64(state: fnv1a(p.id))
                let ix = Double(clamp(p.interest)) + (rng.unit() - 0.5) * 0.76
                let iy = Double(clamp(p.influence)) + (rng.unit() - 0.5) * 0.76
                let (x, y) = (x0 + pad + (ix - 0.5) * cell, y0 + side - pad - (iy - 0.5) * cell)
                let dot = "<circle cx=\"\(num(x))\" cy=\"\(num(y))\" r=\"\(num(r))\""
                let tip = esc("\(p.label) — influence \(p.influence), interest \(p.interest), target \(p.target ?? "none")")
                if let href = p.href {
                    b += "<a href=\"\(esc(href))\"><title>\(tip)</title>\(dot)/></a>"
                } else {
                    b += "\(dot)><title>\(tip)</title></circle>"
                }
            }
            b += "</g>"
        }
        if points.isEmpty {
            b += text("No stakeholders with influence and interest yet", x0 + half, y0 + half + 4,
                      anchor: "middle", size: 13, fill: muted, extra: halo)
        }

        let legend = levels.map { ($0.name, "fill=\"\($0.fill)\"") } + [("No target", "fill=\"#fff\" stroke=\"#4d4d4d\"")]
        for (i, (name, style)) in legend.enumerated() {
            let lx = x0 + Double(i % 3) * 132, ly = y0 + side + 62 + Double(i / 3) * 20
            b += "<circle cx=\"\(num(lx + 5))\" cy=\"\(num(ly - 4))\" r=\"5\" \(style)/>" + text(name, lx + 15, ly)
        }

        // Manage closely, keep satisfied, keep informed, monitor; a score of 3 is neither high nor low.
        var counts = [0, 0, 0, 0, 0]
        for p in points {
            let power = clamp(p.influence), interest = clamp(p.interest)
            counts[power == 3 || interest == 3 ? 4 : (power > 3 ? 0 : 2) + (interest > 3 ? 0 : 1)] += 1
        }
        let desc = points.isEmpty ? "Power–interest grid with no stakeholders yet."
            : "Power–interest grid of \(points.count) stakeholders: \(counts[0]) manage closely, \(counts[1]) keep satisfied, "
            + "\(counts[2]) keep informed, \(counts[3]) monitor, \(counts[4]) on a dividing line (a score of 3)."
        return document(width: 480, height: y0 + side + 94, title: title, desc: desc, body: b)
    }

    private static func levelIndex(_ target: String?) -> Int? {
        guard let key = target?.trimmingCharacters(in: .whitespaces).lowercased() else { return nil }
        return levels.firstIndex { $0.key == key }
    }

    private static func clamp(_ score: Int) -> Int { min(5, max(1, score)) }
}

// MARK: - Relationship network

extension Charts {
    private static let personFill = "#0072B2", organizationFill = "#E69F00"
    private static let maxNeighbors = 40

    /// A stakeholder's relationships drawn radially: the centre in the middle, neighbours on one ring
    /// (two, staggered, past 16) sorted by relationship then name; at most 40 are drawn.
    public static func network(center: NetworkNode, neighbors: [NetworkEdge], title: String) -> String {
        let sorted = neighbors.sorted {
            ($0.label.lowercased(), $0.node.label.lowercased(), $0.node.id, $0.outgoing ? 0 : 1)
                < ($1.label.lowercased(), $1.node.label.lowercased(), $1.node.id, $1.outgoing ? 0 : 1)
        }
        let shown = Array(sorted.prefix(maxNeighbors)), hidden = sorted.count - shown.count
        let twoRings = shown.count > 16
        let inner = twoRings ? 190.0 : 180.0, outer = 290.0
        let half = shown.isEmpty ? 160.0 : twoRings ? 460.0 : 350.0
        let cx = half, cy = 40 + (shown.isEmpty ? 60 : half), height = 40 + 2 * half + 36
        var edges = "", nodes = ""
        for (i, e) in shown.enumerated() {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(shown.count)
            let isOuter = twoRings && i % 2 == 1
            let radius = isOuter ? outer : inner
            let (dx, dy) = (cos(angle), sin(angle))
            func at(_ d: Double) -> (Double, Double) { (cx + d * dx, cy + d * dy) }
            let (ax, ay) = at(26), (bx, by) = at(radius - 11)
            let (from, to) = e.outgoing ? (center.label, e.node.label) : (e.node.label, center.label)
            edges += "<g><title>\(esc("\(from) \(e.label) \(to)"))</title>" + line(ax, ay, bx, by, stroke: "#8c8c8c", width: 1.2)
            let (tip, base) = e.outgoing ? (at(radius - 11), at(radius - 21)) : (at(radius - 21), at(radius - 11))
            edges += "<polygon points=\"\(num(tip.0)),\(num(tip.1)) \(num(base.0 - 4 * dy)),\(num(base.1 + 4 * dx)) "
                + "\(num(base.0 + 4 * dy)),\(num(base.1 - 4 * dx))\" fill=\"#595959\"/>"
            // Outer spokes carry their label beyond the inner ring, where the neighbouring spokes are far apart.
            let (lx, ly) = at(isOuter ? 215 : inner * 0.58)
            edges += radialText(truncate(e.label, to: 16), lx, ly, angle: angle, anchorOut: "middle",
                                size: 11, fill: muted, dy: "-0.4em") + "</g>"
            let (nx, ny) = at(radius), (tx, ty) = at(radius + 13)
            nodes += link(e.node.href, "<title>\(esc("\(e.node.label) (\(kindName(e.node)))"))</title>"
                + shape(e.node, nx, ny, size: 9)
                + radialText(truncate(e.node.label, to: 24), tx, ty, angle: angle, anchorOut: "start",
                             size: 12, fill: ink, dy: "0.35em"))
        }
        var b = text(title, 16, 26, size: 15, weight: "600") + edges + nodes
        b += link(center.href, "<title>\(esc("\(center.label) (\(kindName(center)))"))</title>"
            + shape(center, cx, cy, size: 22)
            + text(truncate(center.label, to: 24), cx, cy + 42, anchor: "middle", size: 13, weight: "600", extra: halo))
        let ly = height - 16
        if shown.isEmpty {
            b += text("No recorded relationships", cx, cy + 64, anchor: "middle", size: 13, fill: muted)
            let desc = "\(center.label) has no recorded relationships."
            return document(width: 2 * half, height: cy + 84, title: title, desc: desc, body: b)
        }
        b += shape(NetworkNode(id: "", label: "", kind: "person"), 22, ly - 4, size: 6) + text("Person", 34, ly)
        b += shape(NetworkNode(id: "", label: "", kind: "organization"), 102, ly - 4, size: 6) + text("Organization", 114, ly)
        b += "<polygon points=\"222,\(num(ly - 4)) 212,\(num(ly - 8)) 212,\(num(ly))\" fill=\"#595959\"/>"
            + line(196, ly - 4, 212, ly - 4, stroke: "#8c8c8c", width: 1.2) + text("direction of the relationship", 230, ly)
        if hidden > 0 {
            b += text("+\(hidden) more not shown", 2 * half - 16, ly, anchor: "end", weight: "600", fill: muted)
        }

        // Consecutive runs of one label (the list is sorted by label) say how many of each type.
        var runs: [(String, Int)] = []
        for e in sorted {
            if let last = runs.last, last.0.lowercased() == e.label.lowercased() {
                runs[runs.count - 1].1 += 1
            } else {
                runs.append((e.label, 1))
            }
        }
        let kinds = runs.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
        let desc = "Relationship network of \(center.label): \(sorted.count) related stakeholders"
            + " (\(kinds))" + (hidden > 0 ? "; the first \(shown.count) are drawn." : ".")
        return document(width: 2 * half, height: height, title: title, desc: desc, body: b)
    }

    private static func isOrganization(_ node: NetworkNode) -> Bool { node.kind.lowercased() == "organization" }
    private static func kindName(_ node: NetworkNode) -> String { isOrganization(node) ? "organization" : "person" }

    /// A circle for a person, a square for an organization, so the two differ in print as well.
    private static func shape(_ node: NetworkNode, _ x: Double, _ y: Double, size: Double) -> String {
        if isOrganization(node) {
            let s = size * 0.9
            return "<rect x=\"\(num(x - s))\" y=\"\(num(y - s))\" width=\"\(num(2 * s))\" height=\"\(num(2 * s))\" "
                + "fill=\"\(organizationFill)\" stroke=\"#6b4700\"/>"
        }
        return "<circle cx=\"\(num(x))\" cy=\"\(num(y))\" r=\"\(num(size))\" fill=\"\(personFill)\" stroke=\"#003f63\"/>"
    }

    /// Text along a spoke, turned over on the left half so it never reads upside down.
    private static func radialText(_ s: String, _ x: Double, _ y: Double, angle: Double, anchorOut: String,
                                   size: Double, fill: String, dy: String) -> String {
        let flip = cos(angle) < -1e-9
        let degrees = angle * 180 / Double.pi + (flip ? 180 : 0)
        let anchor = anchorOut == "start" && flip ? "end" : anchorOut
        return text(s, x, y, anchor: anchor, size: size, fill: fill,
                    extra: " dy=\"\(dy)\" transform=\"rotate(\(num(degrees)) \(num(x)) \(num(y)))\"" + halo)
    }

    private static func link(_ href: String?, _ content: String) -> String {
        href.map { "<a href=\"\(esc($0))\">\(content)</a>" } ?? "<g>\(content)</g>"
    }
}

// MARK: - Bars

extension Charts {
    private static let maxBars = 60

    /// Vertical bars per period (the last 60 when there are more), `secondary` stacked in a lighter
    /// shade on top of `value`; the axis has 3–5 round ticks and x labels thin out as bars multiply.
    public static func bars(_ series: [BarPoint], title: String, valueLabel: String,
                            primaryName: String = "Contacts", secondaryName: String? = nil) -> String {
        let shown = Array(series.suffix(maxBars))
        let x0 = 60.0, x1 = 624.0, y0 = 64.0, y1 = 268.0
        let totals = shown.map { max(0, $0.value) + max(0, $0.secondary ?? 0) }
        let ticks = niceTicks(totals.max() ?? 0)
        let scale = (y1 - y0) / Double(ticks.last ?? 1)
        let hasSecondary = shown.contains { $0.secondary != nil }
        let otherName = secondaryName ?? "Other"
        let primaryFill = "#0072B2", secondaryFill = "#9CC8E8"

        var b = text(title, 16, 26, size: 15, weight: "600")
        if hasSecondary {
            b += rect(x0, 38, 12, 12, fill: primaryFill) + text(primaryName, x0 + 18, 48)
            let sx = x0 + 36 + Double(primaryName.count) * 7
            b += rect(sx, 38, 12, 12, fill: secondaryFill) + text(otherName, sx + 18, 48)
        }
        for t in ticks {
            let y = y1 - Double(t) * scale
            b += line(x0, y, x1, y, stroke: t == 0 ? muted : "#dddddd")
            b += text(grouped(t), x0 - 8, y + 4, anchor: "end", fill: muted)
        }
        b += text(valueLabel, 0, 0, anchor: "middle", weight: "600",
                  extra: " transform=\"translate(18 \(num((y0 + y1) / 2))) rotate(-90)\"")

        let band = (x1 - x0) / Double(max(shown.count, 1)), barWidth = min(band * 0.72, 48)
        let labelEvery = max(1, Int((Double(shown.count) / ((x1 - x0) / 62)).rounded(.up)))
        for (i, p) in shown.enumerated() {
            let v = max(0, p.value), s = max(0, p.secondary ?? 0)
            let bx = x0 + Double(i) * band, barX = bx + (band - barWidth) / 2
            var tip = "\(p.label) — \(valueLabel): \(grouped(v + s))"
            if hasSecondary { tip += " (\(primaryName) \(grouped(v)), \(otherName) \(grouped(s)))" }
            b += "<g><title>\(esc(tip))</title>"
                + "<rect x=\"\(num(bx))\" y=\"\(num(y0))\" width=\"\(num(band))\" height=\"\(num(y1 - y0))\" fill=\"#fff\" fill-opacity=\"0\"/>"
            if v > 0 { b += rect(barX, y1 - Double(v) * scale, barWidth, Double(v) * scale, fill: primaryFill) }
            if s > 0 { b += rect(barX, y1 - Double(v + s) * scale, barWidth, Double(s) * scale, fill: secondaryFill) }
            b += "</g>"
            if i % labelEvery == 0 {
                b += line(bx + band / 2, y1, bx + band / 2, y1 + 4, stroke: muted)
                    + text(truncate(p.label, to: 10), bx + band / 2, y1 + 18, anchor: "middle", size: 11, fill: muted)
            }
        }
        if totals.allSatisfy({ $0 == 0 }) {
            b += text(shown.isEmpty ? "No periods to show yet" : "None recorded in these periods",
                      (x0 + x1) / 2, (y0 + y1) / 2 - 12, anchor: "middle", size: 13, fill: muted, extra: halo)
        }

        var desc = "Bar chart of \(valueLabel) per period"
        if let first = shown.first, let last = shown.last, let top = totals.max(), let at = totals.firstIndex(of: top) {
            desc += series.count > shown.count ? ", the last \(shown.count) of \(series.count) periods" : ""
            desc += ", from \(first.label) to \(last.label): total \(grouped(totals.reduce(0, +)))"
                + (top > 0 ? ", highest \(grouped(top)) in \(shown[at].label)." : ".")
        } else {
            desc += ": no periods yet."
        }
        return document(width: 640, height: 300, title: title, desc: desc, body: b)
    }

    /// Round ticks from 0 covering `maximum`: steps of 1, 2 or 5 times a power of ten, 3–5 ticks.
    private static func niceTicks(_ maximum: Int) -> [Int] {
        let top = Double(max(maximum, 2)), raw = top / 4
        let magnitude = pow(10, floor(log10(raw)))
        let step = max(1, ([1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude).rounded())
        return (0...Int((top / step).rounded(.up))).map { $0 * Int(step) }
    }

    /// 12345 as "12,345".
    private static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }
}

// MARK: - Meter

extension Charts {
    /// A 0–100 relationship-health gauge: weak below 40, fair below 70, strong from 70.
    public static func meter(score: Int, label: String) -> String {
        let s = min(100, max(0, score))
        let (band, fill) = s < 40 ? ("weak", "#D55E00") : s < 70 ? ("fair", "#E69F00") : ("strong", "#009E73")
        let x0 = 10.0, width = 240.0, unit = width / 100
        var b = text(truncate(label, to: 26), x0, 18, size: 13)
        b += text("\(s) · \(band)", x0 + width, 18, anchor: "end", size: 13, weight: "600")
        b += "<rect x=\"\(num(x0))\" y=\"26\" width=\"\(num(width))\" height=\"12\" rx=\"3\" fill=\"#e3e3e3\"/>"
        if s > 0 { b += "<rect x=\"\(num(x0))\" y=\"26\" width=\"\(num(Double(s) * unit))\" height=\"12\" rx=\"3\" fill=\"\(fill)\"/>" }
        for mark in [40, 70] { b += line(x0 + Double(mark) * unit, 24, x0 + Double(mark) * unit, 40, stroke: "#fff", width: 2) }
        b += text("0", x0, 52, size: 11, fill: muted) + text("100", x0 + width, 52, anchor: "end", size: 11, fill: muted)
        let title = "\(label): \(s) out of 100, \(band)"
        return document(width: 260, height: 58, title: title,
                        desc: "Bands: weak 0–39, fair 40–69, strong 70–100.", body: b)
    }
}

// MARK: - Drawing helpers

extension Charts {
    private static let ink = "#1f1f1f", muted = "#595959"
    /// A white outline behind text so it stays legible where it crosses lines and dots.
    private static let halo = " stroke=\"#fff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\""

    private static func document(width: Double, height: Double, title: String, desc: String, body: String) -> String {
        let t = esc(title)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(num(width)) \(num(height))\" width=\"100%\" "
            + "style=\"max-width:\(num(width))px;height:auto\" role=\"img\" aria-label=\"\(t)\" "
            + "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif\" font-size=\"12\">"
            + "<title>\(t)</title><desc>\(esc(desc))</desc>\(body)</svg>"
    }

    private static func text(_ s: String, _ x: Double, _ y: Double, anchor: String = "start", size: Double = 12,
                             weight: String? = nil, fill: String = ink, extra: String = "") -> String {
        let a = anchor == "start" ? "" : " text-anchor=\"\(anchor)\""
        let w = weight.map { " font-weight=\"\($0)\"" } ?? ""
        let sz = size == 12 ? "" : " font-size=\"\(num(size))\""
        return "<text x=\"\(num(x))\" y=\"\(num(y))\"\(a)\(sz)\(w) fill=\"\(fill)\"\(extra)>\(esc(s))</text>"
    }

    private static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String) -> String {
        "<rect x=\"\(num(x))\" y=\"\(num(y))\" width=\"\(num(w))\" height=\"\(num(h))\" fill=\"\(fill)\"/>"
    }

    private static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                             width: Double = 1, dash: String? = nil) -> String {
        "<line x1=\"\(num(x1))\" y1=\"\(num(y1))\" x2=\"\(num(x2))\" y2=\"\(num(y2))\" stroke=\"\(stroke)\""
            + (width == 1 ? "" : " stroke-width=\"\(num(width))\"") + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
    }

    /// A coordinate rounded to one decimal, without a trailing ".0".
    private static func num(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let tenths = Int((v * 10).rounded()), a = tenths.magnitude
        return (tenths < 0 ? "-" : "") + (a % 10 == 0 ? "\(a / 10)" : "\(a / 10).\(a % 10)")
    }

    private static func truncate(_ s: String, to limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// Escapes the five XML specials and drops characters XML 1.0 cannot hold at all.
    private static func esc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(ch)
            case _ where ch.value < 0x20 || ch.value == 0xFFFE || ch.value == 0xFFFF: continue
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// FNV-1a, so a stakeholder's jitter is the same on every run and every machine.
    private static func fnv1a(_ s: String) -> UInt64 {
        s.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}

/// SplitMix64: a tiny seeded generator, so dot positions depend only on the seed.
private struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / 9_007_199_254_740_992 }
}
