using System.Globalization;
using Leads.Deploy.Tests.Support;
using Leads.Testing;

namespace Leads.Deploy.Tests.Containers;

/// <summary>
/// The ports one service container listens on beside the others on the host network: its own (gRPC, or HTTP for the
/// commissions example), the ops port its HEALTHCHECK asks, and the search page for the query service. Set through the
/// same Kestrel settings the image's environment uses, so the image's defaults are only moved, not replaced.
/// </summary>
public sealed record ServicePorts(int Service, int Ops, int? Page)
{
    public static ServicePorts FreeFor(ServiceCatalog service) =>
        new(FreePort.Next(), FreePort.Next(), service.PagePort is null ? null : FreePort.Next());

    public Uri Address => new($"http://127.0.0.1:{Service}");

    public Uri OpsAddress => new($"http://127.0.0.1:{Ops}");

    public IEnumerable<KeyValuePair<string, string>> Environment(ServiceCatalog service)
    {
        var endpoint = service.Grpc ? "grpc" : "http";
        yield return new($"Kestrel__Endpoints__{endpoint}__Url", $"http://127.0.0.1:{Service}");
        yield return new("Kestrel__Endpoints__ops__Url", $"http://127.0.0.1:{Ops}");
        yield return new("OPS_PORT", Ops.ToString(CultureInfo.InvariantCulture));
        if (Page is { } page)
        {
            yield return new("Kestrel__Endpoints__page__Url", $"http://127.0.0.1:{page}");
        }
    }
}
