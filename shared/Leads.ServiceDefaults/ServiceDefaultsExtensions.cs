using Leads.ServiceDefaults.StrictParsing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Leads.ServiceDefaults.Security;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Leads.ServiceDefaults;

/// <summary>
/// What every service host gets: OpenTelemetry traces and metrics (OTLP by the standard <c>OTEL_*</c> variables, and a
/// Prometheus scrape endpoint <c>/metrics</c>), health checks (grpc.health.v1, <c>/health</c>, <c>/alive</c>), gRPC
/// reflection, one-line structured console logs, conservative Kestrel limits, JWT bearer authentication with per-RPC
/// roles (<see cref="LeadsAuthentication"/>, <see cref="RpcAccessRules"/>) and a default deadline for every gRPC call
/// (<see cref="DefaultDeadline"/>).
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Health checks tagged with this are about the process itself (liveness), not its dependencies.</summary>
    public const string LiveTag = "live";

    /// <summary>
    /// Every ActivitySource and Meter of ours (the service's own, the projection runtime's, the event store's), so a
    /// projection's spans continue the command's trace in whatever process runs it.
    /// </summary>
    public const string LeadsSources = "Leads.*";

    /// <summary>
    /// Adds the defaults. <paramref name="activitySourceName"/> is the service's own ActivitySource and Meter name
    /// (defaults to the application name), so its spans and metrics are exported with the framework's.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string? activitySourceName = null)
    {
        var sourceName = activitySourceName ?? builder.Environment.ApplicationName;

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = false;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });

        builder.ConfigureOpenTelemetry(sourceName);

        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = 4 * 1024 * 1024;
            o.EnableDetailedErrors = builder.Environment.IsDevelopment();
        });
        builder.AddLeadsAuthentication();
        builder.Services.AddTransient<IStartupFilter, DefaultDeadline.StartupFilter>();
        builder.Services.AddGrpcReflection();
        builder.AddStrictGrpcParsing();
        builder.Services.AddGrpcHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxConcurrentConnections = 10_000;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1_000;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
        });

        return builder;
    }

    /// <summary>Maps grpc.health.v1 (open), gRPC reflection (any valid token), <c>/health</c> (everything), <c>/alive</c> (liveness only) and <c>/metrics</c> (Prometheus).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        app.MapPrometheusScrapingEndpoint("/metrics");
        var keys = app.Services.GetRequiredService<TokenKeySource>();
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("Bearer tokens are verified with {KeySource}", keys.Description));
        return app;
    }

    private static void ConfigureOpenTelemetry(this WebApplicationBuilder builder, string sourceName)
    {
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing => tracing
                .AddSource(sourceName, LeadsSources)
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal)
                    && !context.Request.Path.StartsWithSegments("/alive", StringComparison.Ordinal)
                    && !context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal)
                    && !context.Request.Path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(sourceName, LeadsSources)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        // The exporter is on only when the standard OpenTelemetry variable says where to send.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }
}
