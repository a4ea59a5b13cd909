namespace Provisioning.ProbeServers;

/// <summary>How the stand-in frontend behaves.</summary>
/// <param name="ReportedBackendUrl">What <c>/api/health</c> says the backend is (null: the real one).</param>
public sealed record FrontendOptions(string? ReportedBackendUrl = null, bool DomainKeyConfigured = true, bool ServesHtml = true);
