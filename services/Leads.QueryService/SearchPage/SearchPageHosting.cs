using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Leads.QueryService.SearchPage;

/// <summary>
/// The sales agents' search page, served by the query service itself on a second Kestrel endpoint that speaks HTTP/1.1
/// (browsers cannot speak the gRPC port's cleartext HTTP/2): the static page (embedded in this assembly) and the read
/// RPCs it calls, as JSON over HTTP by gRPC JSON transcoding of the same <c>leads.v1.LeadQueries</c> service.
/// </summary>
/// <remarks>
/// Where it listens: <c>Leads:SearchPage:Url</c> (default <see cref="DefaultPageUrl"/>; empty turns the endpoint off).
/// When <c>Kestrel:Endpoints</c> is configured (the container images), that configuration is the whole truth and the
/// page listens on the endpoint it names (the images name one <c>page</c>).
/// </remarks>
internal static class SearchPageHosting
{
    public const string DefaultPageUrl = "http://127.0.0.1:5103";
    public const string UrlKey = "Leads:SearchPage:Url";
    private const string ResourcePrefix = "Leads.QueryService.SearchPage.Site.";

    // The page loads nothing from elsewhere and runs no inline script: user data can only ever be text.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Adds JSON transcoding and, unless <c>Kestrel:Endpoints</c> is configured, turns the gRPC address(es)
    /// (<c>--urls</c>, or <paramref name="grpcDefaultUrl"/>) and the page URL into named Kestrel endpoints: Kestrel
    /// binds either its configured endpoints or <c>--urls</c>, never both.
    /// </summary>
    public static WebApplicationBuilder AddSearchPage(this WebApplicationBuilder builder, string grpcDefaultUrl)
    {
        builder.Services.AddGrpc().AddJsonTranscoding(o =>
        {
            o.JsonSettings.IgnoreDefaultValues = false;
            o.JsonSettings.WriteEnumsAsIntegers = false;
        });

        var config = builder.Configuration;
        if (config.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            return builder;
        }

        var pageUrl = config[UrlKey] ?? DefaultPageUrl;
        if (string.IsNullOrWhiteSpace(pageUrl))
        {
            return builder;
        }

        var grpcUrls = config[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls ? urls : grpcDefaultUrl;
        var endpoints = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:page:Url"] = pageUrl.Trim(),
            ["Kestrel:Endpoints:page:Protocols"] = "Http1",
        };
        var index = 0;
        foreach (var url in grpcUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            endpoints[$"Kestrel:Endpoints:grpc{index++}:Url"] = url;
        }

        // Kestrel then says once that it binds these endpoints instead of --urls: that is the intent.
        config.AddInMemoryCollection(endpoints);
        return builder;
    }

    /// <summary>
    /// Serves the pages (search at <c>/</c>, <c>/followups</c>, the analytics dashboard at <c>/analytics</c>) and their
    /// files under <c>/page/</c> (the transcoded RPCs are mapped with the gRPC services themselves).
    /// </summary>
    public static WebApplication MapSearchPage(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(Assembly.GetExecutingAssembly(), ResourcePrefix.TrimEnd('.'));
        var types = new FileExtensionContentTypeProvider();
        app.MapGet("/", (HttpContext context, CancellationToken cancellationToken) => SendAsync(context, files, "index.html", types, cancellationToken));
        app.MapGet("/followups", (HttpContext context, CancellationToken cancellationToken) => SendAsync(context, files, "followups.html", types, cancellationToken));
        app.MapGet("/analytics", (HttpContext context, CancellationToken cancellationToken) => SendAsync(context, files, "analytics.html", types, cancellationToken));
        app.MapGet("/page/{file}", (HttpContext context, string file, CancellationToken cancellationToken) => SendAsync(context, files, file, types, cancellationToken));
        return app;
    }

    private static async Task SendAsync(HttpContext context, IFileProvider files, string name, FileExtensionContentTypeProvider types, CancellationToken cancellationToken)
    {
        var file = name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) ? null : files.GetFileInfo(name);
        if (file is null || !file.Exists || !types.TryGetContentType(name, out var contentType))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal)
            ? contentType + "; charset=utf-8"
            : contentType;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.ContentLength = file.Length;
        await using var stream = file.CreateReadStream();
        await stream.CopyToAsync(context.Response.Body, cancellationToken);
    }
}
