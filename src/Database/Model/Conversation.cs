namespace Provisioning.Database.Model;

/// <summary>A row of <c>conversations</c>: one chat thread of one user.</summary>
public sealed class Conversation
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public ICollection<Message> Messages { get; } = [];
}
