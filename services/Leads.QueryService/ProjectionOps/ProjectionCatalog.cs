using Leads.QueryService.Grpc;

namespace Leads.QueryService.ProjectionOps;

/// <summary>The projections this deployment runs, by name.</summary>
internal sealed class ProjectionCatalog(IEnumerable<ProjectionEndpoint> endpoints)
{
    private readonly IReadOnlyList<ProjectionEndpoint> _all = [.. endpoints.OrderBy(e => e.Name, StringComparer.Ordinal)];

    public IReadOnlyList<ProjectionEndpoint> All => _all;

    /// <summary>The named projection; NotFound listing the known names otherwise.</summary>
    public ProjectionEndpoint Get(string name) =>
        _all.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal))
        ?? throw (string.IsNullOrWhiteSpace(name)
            ? RpcErrors.InvalidArgument("name", $"name is required: one of {string.Join(", ", _all.Select(e => e.Name))}")
            : RpcErrors.NotFound($"no projection named '{Shown(name)}': known are {string.Join(", ", _all.Select(e => e.Name))}"));

    // The name is echoed in the status message, which travels in a header: a caller's megabyte-long name must not
    // come back as a header larger than the caller's (or a proxy's) limit.
    private static string Shown(string name) => name.Length <= 80 ? name : name[..80] + $"... ({name.Length} characters)";
}
