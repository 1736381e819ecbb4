import Foundation

/// Draws one issue's weekly series as a self-contained SVG bar chart with its baseline, for
/// web pages and e-mail: no scripts, no styles or fonts from elsewhere, every text escaped.
public enum TrendChart {
    /// - Parameters:
    ///   - title: what the chart is of, e.g. the issue's name; it opens the accessible title.
    /// - Returns: an `<svg role="img">` whose `<title>` says what the chart shows.
    public static func svg(series: TrendSeries, width: Int = 480, height: Int = 160, title: String? = nil) -> String {
        let width = max(width, 120), height = max(height, 80)
        let left = 36.0, right = 8.0, top = 10.0, bottom = 22.0
        let plotWidth = Double(width) - left - right, plotHeight = Double(height) - top - bottom
        let peak = max(1, Double(series.counts.max() ?? 0), series.baseline.max() ?? 0)
        let scaleTop = niceCeiling(peak)
        func y(_ value: Double) -> Double { top + plotHeight * (1 - value / scaleTop) }
        let band = plotWidth / Double(max(series.counts.count, 1))

        let heading = (title.map { "\($0): " } ?? "Items per week: ") + series.summary
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
        svg += "<title>\(escape(heading))</title>"
        if let first = series.weeks.first, let last = series.weeks.last {
            svg += "<desc>\(escape("Bars: items per week from \(first) to \(last). Dashed line: the usual count from earlier weeks."))</desc>"
        }
        svg += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>"
        svg += line(left, y(0), Double(width) - right, y(0), stroke: "#999999")
        svg += line(left, y(scaleTop), Double(width) - right, y(scaleTop), stroke: "#e5e5e5")
        svg += label(left - 4, y(0) + 4, "0", anchor: "end")
        svg += label(left - 4, y(scaleTop) + 4, number(scaleTop), anchor: "end")

        for (i, count) in series.counts.enumerated() {
            let isJudged = i == series.counts.count - 1
            let fill = isJudged && series.isRising ? "#c0392b" : isJudged ? "#2c5d8a" : "#8fb0cf"
            let barHeight = plotHeight * Double(count) / scaleTop
            let week = i < series.weeks.count ? series.weeks[i].description : ""
            svg += "<rect x=\(quote(left + band * Double(i) + band * 0.1)) y=\(quote(y(0) - barHeight)) width=\(quote(band * 0.8)) "
            svg += "height=\(quote(barHeight)) fill=\"\(fill)\"><title>\(escape("\(week): \(count == 1 ? "1 item" : "\(count) items")"))</title></rect>"
        }
        if series.baseline.count > 1 {
            let points = series.baseline.enumerated().map { "\(format(left + band * (Double($0.offset) + 0.5))),\(format(y($0.element)))" }
            svg += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"
        }
        if let first = series.weeks.first, let last = series.weeks.last {
            svg += label(left, Double(height) - 6, first.description, anchor: "start")
            svg += label(Double(width) - right, Double(height) - 6, last.description, anchor: "end")
        } else {
            svg += label(left + plotWidth / 2, top + plotHeight / 2, "No data", anchor: "middle")
        }
        return svg + "</svg>"
    }

    /// 1, 2, 5, 10, 20, 50… — the first at or above `value`.
    private static func niceCeiling(_ value: Double) -> Double {
        var step = 1.0
        while true {
            for factor in [1.0, 2.0, 5.0] where factor * step >= value { return factor * step }
            step *= 10
        }
    }

    private static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String) -> String {
        "<line x1=\(quote(x1)) y1=\(quote(y1)) x2=\(quote(x2)) y2=\(quote(y2)) stroke=\"\(stroke)\" stroke-width=\"1\"/>"
    }

    private static func label(_ x: Double, _ y: Double, _ text: String, anchor: String) -> String {
        "<text x=\(quote(x)) y=\(quote(y)) font-family=\"sans-serif\" font-size=\"10\" fill=\"#555555\" text-anchor=\"\(anchor)\">\(escape(text))</text>"
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : format(value)
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value.isFinite ? value : 0) }

    private static func quote(_ value: Double) -> String { "\"\(format(value))\"" }

    /// Text and attribute values in XML.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                // XML 1.0 forbids most control characters even as references.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
