import ArgumentParser
import ConveneCore
import ConveneServer
import Foundation

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens.",
                                                    subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an API token for a user; it is printed once and stored only as a hash.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "The user's email.") var email: String
        @Option(help: "A name to tell the token apart.") var name = "command line"

        func run() async throws {
            let store = try await db.open()
            let accounts = Accounts(store: store, hashing: BcryptHashing(cost: 4))
            guard let u = try await store.user(email: email.lowercased()) else { throw CLIError("no user has email \(email)") }
            let (secret, token) = try await domainCall(await accounts.createToken(for: u, name: name, actor: .commandLine))
            FileHandle.standardError.write(Data("Token \(token.id) for \(u.email) (\(u.role.rawValue)); it will not be shown again:\n".utf8))
            print(secret)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (all, or one user's).")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Only this user's tokens.") var email: String?

        func run() async throws {
            let store = try await db.open()
            var userId: String?
            if let email {
                guard let u = try await store.user(email: email.lowercased()) else { throw CLIError("no user has email \(email)") }
                userId = u.id
            }
            let users = Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0.email) })
            for t in try await store.tokens(userId: userId) {
                let state = t.revokedAt.map { "revoked \(Timestamp.format($0))" } ?? "active"
                print("\(t.id)  \(t.prefix)…  \(users[t.userId] ?? t.userId)  \(t.name)  \(state)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The token's id (from `convene token list`).") var id: String

        func run() async throws {
            let store = try await db.open()
            guard Identifier.isPlausible(id), let t = try await store.token(id: id) else { throw CLIError("no token has id \(id)") }
            if t.revokedAt != nil { print("Token \(id) was already revoked."); return }
            try await store.revokeToken(id: id, at: Date().wholeMilliseconds, audit: AuditEntry(actor: .commandLine, action: "revoke", entityType: "token", entityId: id))
            print("Token \(id) is revoked.")
        }
    }
}
