import ConveneCore
import Foundation

/// The opinion map: every participant as a dot where the analysis placed them, coloured by
/// opinion group, drawn by the server as SVG (no script, readable without colour through
/// the group labels at the centroids).
enum OpinionMap {
    static let colors = ["#0b5cad", "#b42318", "#1a7f37", "#8250df", "#bf8700", "#57606a"]

    static func svg(_ a: AnalysisSummary, width: Double = 560, height: Double = 420) -> String {
        guard !a.map.isEmpty else { return "" }
        let xs = a.map.map(\.x), ys = a.map.map(\.y)
        let (minX, maxX, minY, maxY) = (xs.min() ?? 0, xs.max() ?? 1, ys.min() ?? 0, ys.max() ?? 1)
        let pad = 24.0
        func px(_ x: Double) -> Double { pad + (maxX == minX ? 0.5 : (x - minX) / (maxX - minX)) * (width - 2 * pad) }
        func py(_ y: Double) -> Double { height - pad - (maxY == minY ? 0.5 : (y - minY) / (maxY - minY)) * (height - 2 * pad) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-labelledby=\"map-title\">"
        out += "<title id=\"map-title\">Opinion map: \(a.participants) participant\(a.participants == 1 ? "" : "s") in \(a.groups.count) opinion group\(a.groups.count == 1 ? "" : "s")</title>"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\" stroke=\"#d0d7de\"/>"
        // At most 5,000 dots: beyond that the picture is the same and the page heavier.
        let step = max(1, a.map.count / 5000)
        for (n, p) in a.map.enumerated() where n % step == 0 {
            let color = p.group >= 0 ? colors[p.group % colors.count] : "#afb8c1"
            out += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%@\" fill-opacity=\"0.6\"/>", px(p.x), py(p.y), color)
        }
        for g in a.groups where g.centroid.count == 2 {
            let label = String(UnicodeScalar(UInt8(65 + g.id % 26)))
            out += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-family=\"sans-serif\" font-size=\"18\" font-weight=\"700\" fill=\"#1b1f24\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">Group %@</text>",
                          px(g.centroid[0]), py(g.centroid[1]), label)
        }
        return out + "</svg>"
    }
}
