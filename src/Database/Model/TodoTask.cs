namespace Provisioning.Database.Model;

/// <summary>A row of <c>tasks</c>. Named TodoTask so it never collides with System.Threading.Tasks.Task.</summary>
public sealed class TodoTask
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public bool Completed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
