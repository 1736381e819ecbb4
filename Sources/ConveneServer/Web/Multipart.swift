import Foundation
import Hummingbird
import NIOCore

/// A submitted `multipart/form-data` form (RFC 7578): text fields and at most a few files,
/// read into memory up to a limit. Enough for the upload forms; not a general MIME parser.
struct MultipartForm: Sendable {
    struct File: Sendable {
        var name: String
        var filename: String
        var contentType: String?
        var bytes: [UInt8]
    }

    var fields: [(String, String)] = []
    var files: [File] = []

    func first(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }
    func file(_ name: String) -> File? { files.first { $0.name == name } }

    static func read(_ request: Request, maxBytes: Int) async throws -> MultipartForm {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = boundary(type) else {
            throw Problem(status: .unsupportedMediaType, detail: "send the form as multipart/form-data")
        }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: maxBytes) } catch {
            throw Problem(status: .contentTooLarge, detail: "the file is larger than \(maxBytes >> 20) MiB")
        }
        return try parse(Array(buffer.readableBytesView), boundary: boundary)
    }

    static func boundary(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";") {
            let kv = part.trimmingCharacters(in: .whitespaces)
            if kv.lowercased().hasPrefix("boundary=") {
                var b = String(kv.dropFirst("boundary=".count))
                if b.hasPrefix("\""), b.hasSuffix("\""), b.count >= 2 { b = String(b.dropFirst().dropLast()) }
                return b.isEmpty || b.count > 200 ? nil : b
            }
        }
        return nil
    }

    static func parse(_ body: [UInt8], boundary: String) throws -> MultipartForm {
        let delimiter = Array(("--" + boundary).utf8)
        var form = MultipartForm()
        var starts: [Int] = []
        var i = 0
        while let at = find(delimiter, in: body, from: i) {
            starts.append(at)
            i = at + delimiter.count
        }
        guard starts.count >= 2 else { throw Problem.badRequest("the form is not valid multipart/form-data") }
        for (n, start) in starts.dropLast().enumerated() {
            var partStart = start + delimiter.count
            // After the delimiter: CRLF (or "--" for the closing one).
            if partStart + 1 < body.count, body[partStart] == 13, body[partStart + 1] == 10 { partStart += 2 } else { continue }
            var partEnd = starts[n + 1]
            if partEnd >= 2, body[partEnd - 2] == 13, body[partEnd - 1] == 10 { partEnd -= 2 }
            guard partStart <= partEnd, let headerEnd = find([13, 10, 13, 10], in: body, from: partStart, before: partEnd) else { continue }
            let headers = String(decoding: body[partStart..<headerEnd], as: UTF8.self)
            let content = Array(body[(headerEnd + 4)..<partEnd])
            var name: String?, filename: String?, contentType: String?
            for line in headers.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    name = parameter("name", in: line)
                    filename = parameter("filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            guard let name else { continue }
            if let filename {
                form.files.append(File(name: name, filename: filename, contentType: contentType, bytes: content))
            } else if form.fields.count < 500 {
                form.fields.append((name, String(decoding: content, as: UTF8.self)))
            }
        }
        return form
    }

    static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";") {
            let t = piece.trimmingCharacters(in: .whitespaces)
            if t.lowercased().hasPrefix(key + "=") {
                var v = String(t.dropFirst(key.count + 1))
                if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
                return v
            }
        }
        return nil
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int, before: Int? = nil) -> Int? {
        let end = (before ?? hay.count) - needle.count
        guard !needle.isEmpty, from <= end else { return nil }
        var i = from
        let first = needle[0]
        while i <= end {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
