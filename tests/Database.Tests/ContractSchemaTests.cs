using Npgsql;
using Provisioning.TestSupport;

namespace Provisioning.Database.Tests;

/// <summary>Acceptance 1: from an empty database the bundle creates exactly the schema of docs/contract.md.</summary>
[TestClass]
public sealed class ContractSchemaTests
{
    private const string ContractTables = "('tasks', 'conversations', 'messages')";

    // Written from docs/contract.md "Database schema", not from the EF model: this is the promise to the Python backend.
    private static readonly string[] ExpectedColumns =
    [
        "conversations | created_at | timestamp with time zone | null | NO | now() | NO | null",
        "conversations | id | integer | null | NO | null | YES | BY DEFAULT",
        "conversations | updated_at | timestamp with time zone | null | NO | now() | NO | null",
        "conversations | user_id | text | null | NO | null | NO | null",
        "messages | content | text | null | NO | null | NO | null",
        "messages | conversation_id | integer | null | NO | null | NO | null",
        "messages | created_at | timestamp with time zone | null | NO | now() | NO | null",
        "messages | id | integer | null | NO | null | YES | BY DEFAULT",
        "messages | role | character varying | 20 | NO | null | NO | null",
        "messages | user_id | text | null | NO | null | NO | null",
        "tasks | completed | boolean | null | NO | false | NO | null",
        "tasks | created_at | timestamp with time zone | null | NO | now() | NO | null",
        "tasks | description | character varying | 1000 | YES | null | NO | null",
        "tasks | id | integer | null | NO | null | YES | BY DEFAULT",
        "tasks | title | character varying | 200 | NO | null | NO | null",
        "tasks | updated_at | timestamp with time zone | null | NO | now() | NO | null",
        "tasks | user_id | text | null | NO | null | NO | null",
    ];

    // Table, indexed columns in order, unique or not. Names are ours; the contract fixes the columns.
    private static readonly string[] ExpectedIndexes =
    [
        "conversations | (id) | unique",
        "conversations | (user_id) | non-unique",
        "messages | (conversation_id, created_at) | non-unique",
        "messages | (id) | unique",
        "messages | (user_id) | non-unique",
        "tasks | (id) | unique",
        "tasks | (user_id) | non-unique",
        "tasks | (user_id, completed) | non-unique",
    ];

    private static readonly string[] ExpectedConstraints =
    [
        "conversations | p | PRIMARY KEY (id)",
        "messages | c | CHECK (((role)::text = ANY ((ARRAY['user'::character varying, 'assistant'::character varying])::text[])))",
        "messages | f | FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE CASCADE",
        "messages | p | PRIMARY KEY (id)",
        "tasks | p | PRIMARY KEY (id)",
    ];

    [TestMethod]
    public async Task Bundle_creates_exactly_the_contract_schema_on_an_empty_database()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("schema");

        var run = await MigrationBundle.RunAsync(db.Url);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        CollectionAssert.AreEqual(
            new[] { "__EFMigrationsHistory", "conversations", "messages", "tasks" },
            await Sql.SortedRowsAsync(db.ConnectionString,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));
        CollectionAssert.AreEqual(ExpectedColumns.Order(StringComparer.Ordinal).ToList(), await Sql.SortedRowsAsync(db.ConnectionString, $"""
            SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default, is_identity, identity_generation
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN {ContractTables}
            """));
        CollectionAssert.AreEqual(ExpectedIndexes.Order(StringComparer.Ordinal).ToList(), await Sql.SortedRowsAsync(db.ConnectionString, $"""
            SELECT tablename, substring(indexdef from '\([^)]*\)$'),
                   CASE WHEN indexdef LIKE 'CREATE UNIQUE%' THEN 'unique' ELSE 'non-unique' END
            FROM pg_indexes WHERE schemaname = 'public' AND tablename IN {ContractTables}
            """));
        CollectionAssert.AreEqual(ExpectedConstraints.Order(StringComparer.Ordinal).ToList(), await Sql.SortedRowsAsync(db.ConnectionString, $"""
            SELECT conrelid::regclass::text, contype, pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text IN {ContractTables}
            """));
    }

    [TestMethod]
    public async Task Migrated_schema_enforces_defaults_role_check_and_cascade()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("rules");
        Assert.AreEqual(0, (await MigrationBundle.RunAsync(db.Url)).ExitCode);

        await Sql.ExecuteAsync(db.ConnectionString, """
            INSERT INTO tasks (user_id, title) VALUES ('u1', 'buy milk');
            INSERT INTO conversations (user_id) VALUES ('u1');
            INSERT INTO messages (user_id, conversation_id, role, content) VALUES ('u1', 1, 'user', 'hi'), ('u1', 1, 'assistant', 'hello');
            """);
        CollectionAssert.AreEqual(new[] { "1 | False | True | True" }, await Sql.SortedRowsAsync(db.ConnectionString,
            "SELECT id, completed, created_at IS NOT NULL, updated_at IS NOT NULL FROM tasks"));

        var bad = await Assert.ThrowsExactlyAsync<PostgresException>(() => Sql.ExecuteAsync(db.ConnectionString,
            "INSERT INTO messages (user_id, conversation_id, role, content) VALUES ('u1', 1, 'system', 'x')"));
        Assert.AreEqual(PostgresErrorCodes.CheckViolation, bad.SqlState);

        await Sql.ExecuteAsync(db.ConnectionString, "DELETE FROM conversations WHERE id = 1");
        CollectionAssert.AreEqual(new[] { "0" }, await Sql.SortedRowsAsync(db.ConnectionString, "SELECT count(*) FROM messages"));
    }
}
