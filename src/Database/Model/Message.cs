namespace Provisioning.Database.Model;

/// <summary>A row of <c>messages</c>; <see cref="Role"/> is <c>user</c> or <c>assistant</c> (a check constraint enforces it).</summary>
public sealed class Message
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public int ConversationId { get; set; }
    public Conversation? Conversation { get; set; }
    public required string Role { get; set; }
    public required string Content { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
