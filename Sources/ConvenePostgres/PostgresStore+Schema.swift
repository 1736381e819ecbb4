import Logging
import PostgresNIO

extension PostgresStore {
    /// Numbered migrations, written as SQL, with the same names as the SQLite engine's.
    /// Never edit one that has landed: add the next.
    static let migrations: [(String, String)] = [
        ("0001-foundation", """
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'viewer')),
            password_hash TEXT NOT NULL,
            is_disabled BOOLEAN NOT NULL DEFAULT false,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE TABLE stakeholders (
            sid BIGSERIAL PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            display_name TEXT NOT NULL,
            sort_name TEXT COLLATE "C" NOT NULL,
            affiliation_id TEXT REFERENCES stakeholders(id) ON DELETE SET NULL,
            level TEXT,
            consent_status TEXT NOT NULL,
            owner_id TEXT REFERENCES users(id) ON DELETE SET NULL,
            is_archived BOOLEAN NOT NULL DEFAULT false,
            data TEXT NOT NULL,
            search TSVECTOR NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX stakeholders_sort ON stakeholders (is_archived, sort_name, id);
        CREATE INDEX stakeholders_affiliation ON stakeholders (affiliation_id);
        CREATE INDEX stakeholders_owner ON stakeholders (owner_id);
        CREATE INDEX stakeholders_search ON stakeholders USING GIN (search);
        CREATE TABLE stakeholder_terms (
            sid BIGINT NOT NULL REFERENCES stakeholders(sid) ON DELETE CASCADE,
            field TEXT NOT NULL,
            value TEXT NOT NULL,
            value_key TEXT NOT NULL
        );
        CREATE INDEX stakeholder_terms_value ON stakeholder_terms (field, value_key, sid);
        CREATE INDEX stakeholder_terms_sid ON stakeholder_terms (sid, field, value_key);
        CREATE TABLE stakeholder_contacts (
            sid BIGINT NOT NULL REFERENCES stakeholders(sid) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            value TEXT NOT NULL
        );
        CREATE INDEX stakeholder_contacts_value ON stakeholder_contacts (kind, value);
        CREATE INDEX stakeholder_contacts_sid ON stakeholder_contacts (sid);
        CREATE TABLE relationships (
            id TEXT PRIMARY KEY,
            from_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
            to_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            starts_on TEXT,
            ends_on TEXT,
            notes TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX relationships_from ON relationships (from_id);
        CREATE INDEX relationships_to ON relationships (to_id);
        CREATE TABLE groups (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT,
            kind TEXT NOT NULL,
            query TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE TABLE group_members (
            group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            stakeholder_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
            added_at BIGINT NOT NULL,
            PRIMARY KEY (group_id, stakeholder_id)
        );
        CREATE INDEX group_members_stakeholder ON group_members (stakeholder_id);
        CREATE TABLE duplicate_dismissals (
            pair_key TEXT PRIMARY KEY,
            first_id TEXT NOT NULL,
            second_id TEXT NOT NULL,
            at BIGINT NOT NULL
        );
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
        );
        CREATE INDEX sessions_user ON sessions (user_id);
        CREATE TABLE api_tokens (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            prefix TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL,
            last_used_at BIGINT,
            revoked_at BIGINT
        );
        CREATE INDEX api_tokens_user ON api_tokens (user_id);
        CREATE TABLE rate_attempts (
            key TEXT NOT NULL,
            at BIGINT NOT NULL
        );
        CREATE INDEX rate_attempts_key ON rate_attempts (key, at);
        CREATE TABLE audit_log (
            seq BIGSERIAL PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            at BIGINT NOT NULL,
            actor_id TEXT,
            actor_label TEXT NOT NULL,
            action TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            before TEXT,
            after TEXT
        );
        CREATE INDEX audit_entity ON audit_log (entity_type, entity_id, seq);
        CREATE INDEX audit_actor ON audit_log (actor_id, seq);
        """),
        ("0002-jobs", """
        CREATE TABLE jobs (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE,
            payload TEXT,
            run_after BIGINT NOT NULL,
            claimed_by TEXT,
            claimed_at BIGINT,
            finished_at BIGINT,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        );
        CREATE INDEX jobs_due ON jobs (finished_at, run_after);
        """),
        ("0003-engagement", """
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            starts_at BIGINT NOT NULL,
            ends_at BIGINT NOT NULL,
            organizer_id TEXT REFERENCES stakeholders(id) ON DELETE SET NULL,
            data TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX events_time ON events (starts_at, id);
        CREATE INDEX events_end ON events (ends_at);
        CREATE INDEX events_organizer ON events (organizer_id);
        CREATE TABLE event_invitees (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            stakeholder_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            rsvp TEXT NOT NULL,
            attended BOOLEAN,
            PRIMARY KEY (event_id, stakeholder_id)
        );
        CREATE INDEX event_invitees_stakeholder ON event_invitees (stakeholder_id);
        CREATE TABLE interactions (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            direction TEXT NOT NULL,
            occurred_at BIGINT NOT NULL,
            event_id TEXT REFERENCES events(id) ON DELETE SET NULL,
            data TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX interactions_time ON interactions (occurred_at, id);
        CREATE INDEX interactions_event ON interactions (event_id);
        CREATE TABLE interaction_participants (
            interaction_id TEXT NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
            stakeholder_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            occurred_at BIGINT NOT NULL,
            inbound BOOLEAN NOT NULL,
            heard BOOLEAN NOT NULL,
            PRIMARY KEY (interaction_id, stakeholder_id)
        );
        CREATE INDEX interaction_participants_stakeholder ON interaction_participants (stakeholder_id, occurred_at, inbound, heard);
        CREATE INDEX interaction_participants_time ON interaction_participants (occurred_at, stakeholder_id, heard);
        CREATE TABLE follow_ups (
            id TEXT PRIMARY KEY,
            owner_id TEXT NOT NULL REFERENCES users(id),
            due_on TEXT NOT NULL,
            status TEXT NOT NULL,
            interaction_id TEXT REFERENCES interactions(id) ON DELETE SET NULL,
            data TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX follow_ups_owner ON follow_ups (owner_id, status, due_on);
        CREATE INDEX follow_ups_due ON follow_ups (status, due_on);
        CREATE TABLE follow_up_stakeholders (
            follow_up_id TEXT NOT NULL REFERENCES follow_ups(id) ON DELETE CASCADE,
            stakeholder_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            PRIMARY KEY (follow_up_id, stakeholder_id)
        );
        CREATE INDEX follow_up_stakeholders_stakeholder ON follow_up_stakeholders (stakeholder_id);
        CREATE TABLE coverage_targets (
            id TEXT PRIMARY KEY,
            data TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        INSERT INTO stakeholder_terms (sid, field, value, value_key)
            SELECT sid, f, v, lower(v) FROM (
                SELECT sid, 'language' AS f, data::jsonb->>'language' AS v FROM stakeholders
                UNION ALL SELECT sid, 'influence', data::jsonb->>'influence' FROM stakeholders
                UNION ALL SELECT sid, 'interest', data::jsonb->>'interest' FROM stakeholders
                UNION ALL SELECT sid, 'target', data::jsonb->>'engagementTarget' FROM stakeholders) AS t
            WHERE v IS NOT NULL;
        """),
        ("0004-uploads", """
        CREATE TABLE uploads (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            filename TEXT NOT NULL,
            content BYTEA NOT NULL,
            created_at BIGINT NOT NULL
        );
        CREATE INDEX uploads_created ON uploads (created_at);
        """),
        ("0005-radar", """
        CREATE TABLE radar_issues (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            data TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE TABLE radar_issue_stakeholders (
            issue_id TEXT NOT NULL REFERENCES radar_issues(id) ON DELETE CASCADE,
            stakeholder_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            PRIMARY KEY (issue_id, stakeholder_id)
        );
        CREATE INDEX radar_issue_stakeholders_stakeholder ON radar_issue_stakeholders (stakeholder_id);
        CREATE TABLE radar_sources (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            next_poll_at BIGINT NOT NULL,
            is_paused BOOLEAN NOT NULL,
            data TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX radar_sources_due ON radar_sources (is_paused, next_poll_at);
        CREATE TABLE radar_items (
            id TEXT PRIMARY KEY,
            source_id TEXT NOT NULL REFERENCES radar_sources(id) ON DELETE CASCADE,
            guid TEXT NOT NULL,
            link TEXT,
            content_hash TEXT NOT NULL,
            at BIGINT NOT NULL,
            data TEXT NOT NULL,
            fetched_at BIGINT NOT NULL,
            UNIQUE (source_id, guid)
        );
        CREATE INDEX radar_items_at ON radar_items (at, id);
        CREATE INDEX radar_items_source ON radar_items (source_id, at);
        CREATE INDEX radar_items_link ON radar_items (link);
        CREATE INDEX radar_items_hash ON radar_items (content_hash);
        CREATE TABLE radar_item_issues (
            item_id TEXT NOT NULL REFERENCES radar_items(id) ON DELETE CASCADE,
            issue_id TEXT NOT NULL REFERENCES radar_issues(id) ON DELETE CASCADE,
            at BIGINT NOT NULL,
            score INTEGER NOT NULL,
            reasons TEXT NOT NULL,
            PRIMARY KEY (item_id, issue_id)
        );
        CREATE INDEX radar_item_issues_issue ON radar_item_issues (issue_id, at);
        CREATE TABLE radar_item_states (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL REFERENCES radar_items(id) ON DELETE CASCADE,
            is_read BOOLEAN NOT NULL,
            is_starred BOOLEAN NOT NULL,
            PRIMARY KEY (user_id, item_id)
        );
        CREATE INDEX radar_item_states_item ON radar_item_states (item_id);
        """),
        ("0006-consultations", """
        CREATE TABLE consultations (
            id TEXT PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            data TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE TABLE consultation_participants (
            id TEXT PRIMARY KEY,
            consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            data TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            UNIQUE (consultation_id, seq)
        );
        CREATE TABLE consultation_statements (
            id TEXT PRIMARY KEY,
            consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            status TEXT NOT NULL,
            participant_id TEXT REFERENCES consultation_participants(id) ON DELETE SET NULL,
            data TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            UNIQUE (consultation_id, seq)
        );
        CREATE INDEX consultation_statements_status ON consultation_statements (consultation_id, status, seq);
        CREATE TABLE consultation_votes (
            consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            participant_id TEXT NOT NULL REFERENCES consultation_participants(id) ON DELETE CASCADE,
            statement_id TEXT NOT NULL REFERENCES consultation_statements(id) ON DELETE CASCADE,
            vote INTEGER NOT NULL,
            at BIGINT NOT NULL,
            PRIMARY KEY (participant_id, statement_id)
        );
        CREATE INDEX consultation_votes_consultation ON consultation_votes (consultation_id, statement_id);
        CREATE TABLE consultation_invites (
            code_hash TEXT PRIMARY KEY,
            consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            participant_id TEXT REFERENCES consultation_participants(id) ON DELETE SET NULL,
            created_at BIGINT NOT NULL
        );
        CREATE INDEX consultation_invites_consultation ON consultation_invites (consultation_id);
        CREATE TABLE consultation_analyses (
            consultation_id TEXT PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
            votes INTEGER NOT NULL,
            computed_at BIGINT NOT NULL,
            data TEXT NOT NULL
        );
        """),
        ("0007-collaboration", """
        CREATE TABLE work_records (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            slug TEXT,
            data TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (kind, slug)
        );
        CREATE INDEX work_records_kind ON work_records (kind, updated_at);
        CREATE TABLE work_links (
            record_id TEXT NOT NULL REFERENCES work_records(id) ON DELETE CASCADE,
            target_kind TEXT NOT NULL,
            target_id TEXT NOT NULL,
            PRIMARY KEY (record_id, target_kind, target_id)
        );
        CREATE INDEX work_links_target ON work_links (target_kind, target_id);
        """),
    ]

    /// Any number to name Convene's migration lock; every server uses the same one.
    static let migrationLock: Int64 = 0x436F_6E76_656E_65

    /// Applies what is missing, holding an advisory lock so servers starting together take
    /// turns; refuses a database that has migrations this version does not know.
    static func migrate(_ client: PostgresClient, logger: Logger, url: PostgresURL) async throws {
        do {
          try await client.withTransaction(logger: logger) { conn in
            try await conn.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await conn.query("CREATE TABLE IF NOT EXISTS convene_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)", logger: logger)
            var applied = Set<String>()
            for try await name in try await conn.query("SELECT name FROM convene_migrations", logger: logger).decode(String.self) { applied.insert(name) }
            let unknown = applied.subtracting(migrations.map(\.0))
            if !unknown.isEmpty {
                throw PostgresStoreError.newerSchema("the database at \(url.redacted) was written by a newer Convene (it has migrations \(unknown.sorted().joined(separator: ", ")) that this version does not know); upgrade Convene")
            }
            for (name, sql) in migrations where !applied.contains(name) {
                for statement in sql.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !statement.isEmpty {
                    try await conn.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                try await conn.query("INSERT INTO convene_migrations (name, applied_at) VALUES (\(name), \(now))", logger: logger)
            }
          }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.commitError ?? error.beginError ?? error
        }
    }
}

import Foundation

extension PostgresStore {
    /// Records a migration as applied without running anything: for tests of what an older
    /// Convene does with a newer database.
    public func markMigrationApplied(_ name: String) async throws {
        try await client.query("INSERT INTO convene_migrations (name, applied_at) VALUES (\(name), 0) ON CONFLICT DO NOTHING", logger: logger)
    }
}
