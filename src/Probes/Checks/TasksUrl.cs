namespace Provisioning.Probes.Checks;

internal static class TasksUrl
{
    /// <summary><c>GET /api/{user_id}/tasks</c> for the synthetic probe user: read-only, never a real user's data.</summary>
    public static Uri For(ProbeSettings settings) => For(settings, settings.ProbeUserId);

    public static Uri For(ProbeSettings settings, string userId) =>
        Urls.Combine(settings.BackendUrl, $"api/{Uri.EscapeDataString(userId)}/tasks");
}
