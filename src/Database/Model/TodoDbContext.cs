using Microsoft.EntityFrameworkCore;

namespace Provisioning.Database.Model;

/// <summary>
/// The schema of docs/contract.md ("Database schema"). Every name is spelled out instead of relying on a naming
/// convention: the Python backend maps onto these exact names, so a convention change must never rename them.
/// </summary>
public sealed class TodoDbContext(DbContextOptions<TodoDbContext> options) : DbContext(options)
{
    /// <summary>Database default for every timestamp: the server's clock, so rows written by any client agree.</summary>
    private const string Now = "now()";

    public DbSet<TodoTask> Tasks => Set<TodoTask>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<TodoTask>(task =>
        {
            task.ToTable("tasks");
            task.HasKey(t => t.Id).HasName("pk_tasks");
            task.Property(t => t.Id).HasColumnName("id").UseIdentityByDefaultColumn();
            task.Property(t => t.UserId).HasColumnName("user_id").HasColumnType("text").IsRequired();
            task.Property(t => t.Title).HasColumnName("title").HasMaxLength(200).IsRequired();
            task.Property(t => t.Description).HasColumnName("description").HasMaxLength(1000);
            task.Property(t => t.Completed).HasColumnName("completed").HasDefaultValue(false);
            task.Property(t => t.CreatedAt).HasColumnName("created_at").HasColumnType("timestamptz").HasDefaultValueSql(Now);
            task.Property(t => t.UpdatedAt).HasColumnName("updated_at").HasColumnType("timestamptz").HasDefaultValueSql(Now);
            task.HasIndex(t => t.UserId).HasDatabaseName("ix_tasks_user_id");
            task.HasIndex(t => new { t.UserId, t.Completed }).HasDatabaseName("ix_tasks_user_id_completed");
        });

        modelBuilder.Entity<Conversation>(conversation =>
        {
            conversation.ToTable("conversations");
            conversation.HasKey(c => c.Id).HasName("pk_conversations");
            conversation.Property(c => c.Id).HasColumnName("id").UseIdentityByDefaultColumn();
            conversation.Property(c => c.UserId).HasColumnName("user_id").HasColumnType("text").IsRequired();
            conversation.Property(c => c.CreatedAt).HasColumnName("created_at").HasColumnType("timestamptz").HasDefaultValueSql(Now);
            conversation.Property(c => c.UpdatedAt).HasColumnName("updated_at").HasColumnType("timestamptz").HasDefaultValueSql(Now);
            conversation.HasIndex(c => c.UserId).HasDatabaseName("ix_conversations_user_id");
        });

        modelBuilder.Entity<Message>(message =>
        {
            message.ToTable("messages", t => t.HasCheckConstraint("ck_messages_role", "role IN ('user', 'assistant')"));
            message.HasKey(m => m.Id).HasName("pk_messages");
            message.Property(m => m.Id).HasColumnName("id").UseIdentityByDefaultColumn();
            message.Property(m => m.UserId).HasColumnName("user_id").HasColumnType("text").IsRequired();
            message.Property(m => m.ConversationId).HasColumnName("conversation_id");
            message.Property(m => m.Role).HasColumnName("role").HasMaxLength(20).IsRequired();
            message.Property(m => m.Content).HasColumnName("content").HasColumnType("text").IsRequired();
            message.Property(m => m.CreatedAt).HasColumnName("created_at").HasColumnType("timestamptz").HasDefaultValueSql(Now);
            message.HasOne(m => m.Conversation).WithMany(c => c.Messages)
                .HasForeignKey(m => m.ConversationId)
                .HasConstraintName("fk_messages_conversations_conversation_id")
                .OnDelete(DeleteBehavior.Cascade);
            message.HasIndex(m => m.UserId).HasDatabaseName("ix_messages_user_id");
            // Also serves the foreign key (conversation_id is its leading column), so EF adds no separate FK index.
            message.HasIndex(m => new { m.ConversationId, m.CreatedAt }).HasDatabaseName("ix_messages_conversation_id_created_at");
        });
    }
}
