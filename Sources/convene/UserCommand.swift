import ArgumentParser
import ConveneCore
import ConveneServer
import Foundation

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.",
                                                    subcommands: [Create.self, List.self, SetRole.self, ResetPassword.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user; the password is read from a prompt or standard input, never an argument.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Email address (the sign-in name).") var email: String
        @Option(help: "admin, staff or viewer.") var role: Role
        @Option(help: "Display name (default: the part of the email before @).") var name: String?
        @Option(help: "bcrypt cost (env CONVENE_BCRYPT_COST; default 12).") var bcryptCost: Int?

        func run() async throws {
            let accounts = try await Accounts(store: db.open(), hashing: BcryptHashing(cost: cliCost(bcryptCost)))
            let password = try readPassword(confirm: true)
            let user = try await domainCall(await accounts.createUser(email: email, displayName: name, role: role, password: password, actor: .commandLine))
            print("Created \(user.role.rawValue) \(user.email) (id \(user.id)).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let users = try await db.open().users()
            if users.isEmpty { print("No users yet: make one with `convene user create --email E --role admin`."); return }
            for u in users { print("\(u.id)  \(u.role.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0))  \(u.isDisabled ? "disabled" : "active  ")  \(u.email)  \(u.displayName)") }
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change a user's role.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "The user's email.") var email: String
        @Option(help: "admin, staff or viewer.") var role: Role

        func run() async throws {
            let store = try await db.open()
            let accounts = Accounts(store: store, hashing: BcryptHashing(cost: cliCost(nil)))
            guard let u = try await store.user(email: email.lowercased()) else { throw CLIError("no user has email \(email)") }
            let updated = try await domainCall(await accounts.updateUser(id: u.id, displayName: nil, role: role, isDisabled: nil, actor: .commandLine))
            print("\(updated.email) is now \(updated.role.rawValue).")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password", abstract: "Set a new password (from a prompt or standard input); signs the user out everywhere.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "The user's email.") var email: String
        @Option(help: "bcrypt cost (env CONVENE_BCRYPT_COST; default 12).") var bcryptCost: Int?

        func run() async throws {
            let store = try await db.open()
            let accounts = Accounts(store: store, hashing: BcryptHashing(cost: cliCost(bcryptCost)))
            guard let u = try await store.user(email: email.lowercased()) else { throw CLIError("no user has email \(email)") }
            let password = try readPassword(confirm: true)
            try await domainCall(await accounts.setPassword(userId: u.id, password: password, actor: .commandLine))
            print("The password of \(u.email) was changed.")
        }
    }
}

extension Role: ExpressibleByArgument {}

extension Actor {
    static let commandLine = Actor(userId: nil, label: "command line")
}

func cliCost(_ flag: Int?) -> UInt8 {
    let value = flag ?? ProcessInfo.processInfo.environment["CONVENE_BCRYPT_COST"].flatMap(Int.init) ?? 12
    return UInt8(min(max(value, 4), 31))
}

/// Runs a domain call, turning its errors into one line for the terminal.
func domainCall<T>(_ body: @autoclosure () async throws -> T) async throws -> T {
    do { return try await body() } catch let e as ConveneError { throw CLIError(e.description) }
}

/// Reads a password: from a prompt without echo on a terminal, else one line of standard input.
func readPassword(confirm: Bool) throws -> String {
    if isatty(STDIN_FILENO) != 0 {
        guard let first = getpass("Password: ").map({ String(cString: $0) }) else { throw CLIError("no password given") }
        if let problem = Accounts.passwordProblem(first) { throw CLIError("the password \(problem)") }
        if confirm {
            guard let second = getpass("Again: ").map({ String(cString: $0) }), second == first else { throw CLIError("the passwords differ") }
        }
        return first
    }
    guard let line = Swift.readLine(strippingNewline: true), !line.isEmpty else { throw CLIError("no password on standard input") }
    return line
}
