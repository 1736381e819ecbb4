/// The bytes CSV gives a meaning to.
enum CSVByte {
    static let quote: UInt8 = 0x22
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let tab: UInt8 = 0x09
    static let space: UInt8 = 0x20
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
}
