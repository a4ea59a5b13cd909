using Microsoft.EntityFrameworkCore.Migrations;
using Provisioning.Database.Compatibility;
using Provisioning.Database.Model;

namespace Provisioning.Database.Tests;

/// <summary>
/// Migrations run before the new release goes live, so the release still running must survive each one
/// (docs/database.md, "Changing the schema"): additive changes only, unless a migration carries the reviewed marker.
/// </summary>
[TestClass]
public sealed class MigrationCompatibilityTests
{
    private const string Provider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    [TestMethod]
    public void Every_migration_is_survivable_by_the_running_release_or_carries_the_reviewed_marker()
    {
        using var context = new TodoDbContext(TodoDbContextOptions.Create("Host=offline.invalid;Database=offline"));

        var reviews = MigrationCompatibility.Review(context);

        CollectionAssert.AreEqual(CompiledMigrations.All.ToList(), reviews.Select(r => r.Id).ToList(), "every compiled migration is reviewed");
        var refused = reviews.Where(r => r.IsRefused).Select(r => $"{r.Id}: {string.Join("; ", r.Breaks)}").ToList();
        Assert.AreEqual(0, refused.Count,
            "These migrations would break the release that runs while they are applied. Split them (expand now, contract in a later " +
            "release) or, after review, mark the class [BreaksRunningRelease(\"why and how the outage is avoided\")]; see docs/database.md:\n" +
            string.Join("\n", refused));
    }

    [TestMethod]
    public void Dropping_a_column_without_the_marker_is_refused_and_named()
    {
        var review = MigrationCompatibility.Review("drop", new DropsTitle { ActiveProvider = Provider });

        Assert.IsTrue(review.IsRefused);
        CollectionAssert.AreEqual(new[] { "drops column tasks.title" }, review.Breaks.ToArray());
    }

    [TestMethod]
    public void The_reviewed_marker_accepts_it_and_keeps_the_reason()
    {
        var review = MigrationCompatibility.Review("drop", new DropsTitleReviewed { ActiveProvider = Provider });

        Assert.IsFalse(review.IsRefused);
        Assert.AreEqual(1, review.Breaks.Count, "still listed: the marker accepts the break, it does not hide it");
        StringAssert.Contains(review.AcceptedBecause, "no release reads title");
    }

    [TestMethod]
    public void Renames_narrowings_and_required_columns_without_default_are_refused_additions_are_not()
    {
        var review = MigrationCompatibility.Review("mixed", new Mixed { ActiveProvider = Provider });

        CollectionAssert.AreEqual(new[]
        {
            "renames column tasks.description to details",
            "narrows the length to 50 of column tasks.title",
            "changes the type from character varying(200) to character varying(50) of column tasks.title",
            "makes required (the running release may write nulls) of column tasks.description",
            "adds required column tasks.priority without a default (the running release inserts rows without it)",
            "drops table messages",
        }, review.Breaks.ToArray());
    }

    [TestMethod]
    public void Widening_and_adding_optional_or_defaulted_columns_pass()
    {
        var review = MigrationCompatibility.Review("expand", new Expands { ActiveProvider = Provider });

        Assert.AreEqual(0, review.Breaks.Count, string.Join("; ", review.Breaks));
    }

    private sealed class DropsTitle : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "title", table: "tasks");
    }

    [BreaksRunningRelease("contract step of the rename to 'name': no release reads title since 2.3, which is the oldest one running")]
    private sealed class DropsTitleReviewed : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "title", table: "tasks");
    }

    private sealed class Mixed : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(name: "description", table: "tasks", newName: "details");
            migrationBuilder.AlterColumn<string>(name: "title", table: "tasks", type: "character varying(50)", maxLength: 50, nullable: false,
                oldClrType: typeof(string), oldType: "character varying(200)", oldMaxLength: 200);
            migrationBuilder.AlterColumn<string>(name: "description", table: "tasks", type: "text", nullable: false,
                oldClrType: typeof(string), oldType: "text", oldNullable: true);
            migrationBuilder.AddColumn<int>(name: "priority", table: "tasks", type: "integer", nullable: false);
            migrationBuilder.DropTable(name: "messages");
        }
    }

    private sealed class Expands : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(name: "notes", table: "tasks", type: "text", nullable: true);
            migrationBuilder.AddColumn<int>(name: "priority", table: "tasks", type: "integer", nullable: false, defaultValue: 0);
            migrationBuilder.AlterColumn<string>(name: "title", table: "tasks", type: "character varying(500)", maxLength: 500, nullable: false,
                oldClrType: typeof(string), oldType: "character varying(200)", oldMaxLength: 200);
            migrationBuilder.AlterColumn<long>(name: "id", table: "tasks", type: "bigint", nullable: false,
                oldClrType: typeof(int), oldType: "integer");
            migrationBuilder.CreateIndex(name: "ix_tasks_notes", table: "tasks", column: "notes");
        }
    }
}
