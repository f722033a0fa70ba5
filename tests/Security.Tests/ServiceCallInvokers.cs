using Grpc.Core;
using Leads.Testing;

namespace Leads.Security.Tests;

/// <summary>
/// The one place this project gets a way to call a service: every client and raw call goes through here, so the
/// credentials a call carries (a bearer token once the services require one) are decided in one spot.
/// </summary>
public static class ServiceCallInvokers
{
    public static CallInvoker For(ServiceProcess service) => service.Channel.CreateCallInvoker();
}
