/// The bytes of a file as UTF-8-compatible bytes for the line reader: a UTF-8 byte-order
/// mark is dropped, and UTF-16 files (Windows exports, with or without a mark) are turned
/// into UTF-8 as they stream in. Anything else passes through untouched; the character set
/// of each value is decided later.
struct VCardInputDecoder {
    private enum Mode { case undecided, passThrough, utf16(bigEndian: Bool) }

    private var mode = Mode.undecided
    private var head: [UInt8] = []
    private var oddByte: UInt8?
    private var highSurrogate: UInt16?

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        switch mode {
        case .passThrough:
            buffer.append(contentsOf: bytes)
        case .utf16(let bigEndian):
            transcode(bytes, bigEndian: bigEndian, to: &buffer)
        case .undecided:
            let taken = min(4 - head.count, bytes.count)
            head.append(contentsOf: bytes.prefix(taken))
            guard head.count == 4 else { return }
            decide(to: &buffer)
            append(UnsafeBufferPointer(rebasing: bytes[taken...]), to: &buffer)
        }
    }

    /// Flushes what is held back: a short file's first bytes, half a UTF-16 character.
    mutating func finish(to buffer: inout [UInt8]) {
        if case .undecided = mode { decide(to: &buffer) }
        if oddByte != nil || highSurrogate != nil { buffer.append(contentsOf: Self.replacement) }
        oddByte = nil
        highSurrogate = nil
    }

    private mutating func decide(to buffer: inout [UInt8]) {
        let bytes = head
        head = []
        let b = bytes + [1, 1, 1, 1]
        if b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            mode = .passThrough
            buffer.append(contentsOf: bytes.dropFirst(3))
        } else if b[0] == 0xFF, b[1] == 0xFE {
            mode = .utf16(bigEndian: false)
            transcode(bytes.dropFirst(2), bigEndian: false, to: &buffer)
        } else if b[0] == 0xFE, b[1] == 0xFF {
            mode = .utf16(bigEndian: true)
            transcode(bytes.dropFirst(2), bigEndian: true, to: &buffer)
        } else if b[0] != 0, b[1] == 0, b[2] != 0, b[3] == 0 {
            mode = .utf16(bigEndian: false)
            transcode(bytes, bigEndian: false, to: &buffer)
        } else if b[0] == 0, b[1] != 0, b[2] == 0, b[3] != 0 {
            mode = .utf16(bigEndian: true)
            transcode(bytes, bigEndian: true, to: &buffer)
        } else {
            mode = .passThrough
            buffer.append(contentsOf: bytes)
        }
    }

    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    private mutating func transcode(_ bytes: some Sequence<UInt8>, bigEndian: Bool, to buffer: inout [UInt8]) {
        for byte in bytes {
            guard let first = oddByte else {
                oddByte = byte
                continue
            }
            oddByte = nil
            let unit = bigEndian ? UInt16(first) << 8 | UInt16(byte) : UInt16(byte) << 8 | UInt16(first)
            if let high = highSurrogate {
                highSurrogate = nil
                if (0xDC00...0xDFFF).contains(unit) {
                    let scalar = 0x10000 + (UInt32(high - 0xD800) << 10 | UInt32(unit - 0xDC00))
                    appendUTF8(scalar, to: &buffer)
                    continue
                }
                buffer.append(contentsOf: Self.replacement)
            }
            switch unit {
            case 0xD800...0xDBFF: highSurrogate = unit
            case 0xDC00...0xDFFF: buffer.append(contentsOf: Self.replacement)
            default: appendUTF8(UInt32(unit), to: &buffer)
            }
        }
    }

    /// A scalar value as UTF-8; the callers never pass a surrogate.
    private func appendUTF8(_ value: UInt32, to buffer: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            buffer.append(UInt8(value))
        case 0x80..<0x800:
            buffer.append(UInt8(0xC0 | value >> 6))
            buffer.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            buffer.append(UInt8(0xE0 | value >> 12))
            buffer.append(UInt8(0x80 | value >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | value & 0x3F))
        default:
            buffer.append(UInt8(0xF0 | value >> 18 & 0x07))
            buffer.append(UInt8(0x80 | value >> 12 & 0x3F))
            buffer.append(UInt8(0x80 | value >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
