using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Leads.ServiceDefaults;

/// <summary>
/// A deadline for every gRPC call whose caller set none (<c>Limits:DefaultDeadline</c>, default 30 s), so no call can
/// hold server resources for ever. It is applied as the <c>grpc-timeout</c> header before the call starts, which hands
/// it to gRPC's own deadline machinery: <see cref="Grpc.Core.ServerCallContext.Deadline"/> and its cancellation token
/// carry it through every async path, and the caller gets DeadlineExceeded. (An interceptor cannot do this: it cannot
/// replace the token the service's handlers read from the call context.)
/// </summary>
public static class DefaultDeadline
{
    public const string ConfigKey = "Limits:DefaultDeadline";
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);
    private const string TimeoutHeader = "grpc-timeout";
    private static readonly object AppliedKey = new();

    /// <summary>Whether the call's deadline is the server's default rather than one the caller chose.</summary>
    public static bool WasApplied(HttpContext http) => http.Items.ContainsKey(AppliedKey);

    internal static TimeSpan From(IConfiguration configuration) =>
        configuration[ConfigKey] is { Length: > 0 } text
            ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) is { TotalMilliseconds: >= 1 } value
                ? value
                : throw new InvalidOperationException($"{ConfigKey} must be positive")
            : Default;

    internal sealed class StartupFilter(IConfiguration configuration) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
        {
            var timeout = string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (long)From(configuration).TotalMilliseconds)}m");
            return app =>
            {
                app.Use((http, nextMiddleware) =>
                {
                    if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true
                        && !http.Request.Headers.ContainsKey(TimeoutHeader))
                    {
                        http.Request.Headers[TimeoutHeader] = timeout;
                        http.Items[AppliedKey] = true;
                    }

                    return nextMiddleware(http);
                });
                next(app);
            };
        }
    }
}
