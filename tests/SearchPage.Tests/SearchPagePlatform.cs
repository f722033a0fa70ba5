using Leads.Contracts.V1;
using Leads.Testing;
using Microsoft.Playwright;

namespace SearchPage.Tests;

/// <summary>
/// The platform the search page runs on, as in production on the embedded engines: the command service, both
/// projectors and the query service (serving the page on a free loopback port) as separate processes on one temporary
/// data directory, with lead 1410's story written through the command service and projected; plus one headless
/// Chromium. Started once for the collection; killed and deleted on dispose.
/// </summary>
public sealed class SearchPagePlatform : IAsyncLifetime
{
    private static readonly TimeSpan ProjectionDeadline = TimeSpan.FromSeconds(60);
    private readonly List<ServiceProcess> services = [];
    private readonly int commandPort = FreePort.Next();
    private IPlaywright? playwright;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "leads-page-" + Guid.NewGuid().ToString("N"));

    public LeadStory Story { get; private set; } = null!;
    public LeadCommands.LeadCommandsClient Commands { get; private set; } = null!;
    public ServiceProcess QueryService { get; private set; } = null!;

    /// <summary>The page's address on the query service started with the platform.</summary>
    public Uri PageAddress { get; private set; } = null!;

    public IBrowser? Browser { get; private set; }

    /// <summary>Why there is no browser (null when there is one).</summary>
    public string? BrowserMissing { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(DataDirectory);
        // The query service forwards the page's commands to the command service: it must know its port before both start.
        var writers = new[] { "Leads.CommandService", "Leads.ViewProjector", "Leads.SearchProjector" }
            .Select(name => ServiceProcess.StartAsync(name, Settings(), name == "Leads.CommandService" ? commandPort : null, cancellationToken: cancellationToken))
            .ToList();
        var query = StartQueryServiceAsync(cancellationToken);
        try
        {
            await Task.WhenAll(writers.Cast<Task>().Append(query));
        }
        finally
        {
            services.AddRange(writers.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            if (query.IsCompletedSuccessfully)
            {
                services.Add(query.Result.Service);
            }
        }

        (QueryService, PageAddress) = query.Result;
        Commands = new LeadCommands.LeadCommandsClient(services.Single(s => s.Name == "Leads.CommandService").Channel);
        Story = await LeadStory.WriteAsync(Commands, cancellationToken);
        await WaitForProjectionsAsync(Story.Converted.Position, cancellationToken);

        var chromium = ChromiumExecutable.Find();
        if (chromium is null)
        {
            BrowserMissing = ChromiumExecutable.MissingReason;
            return;
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumExecutable.Arguments,
        });
    }

    /// <summary>Another query service on the same data directory, with the page on a port of its own (and <paramref name="overrides"/>).</summary>
    public async Task<(ServiceProcess Service, Uri Page)> StartQueryServiceAsync(CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var page = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var settings = Settings();
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        settings["Leads:SearchPage:Url"] = page.ToString().TrimEnd('/');
        var service = await ServiceProcess.StartAsync("Leads.QueryService", settings, cancellationToken: cancellationToken);
        return (service, page);
    }

    /// <summary>A fresh browser context (no shared storage) at <paramref name="width"/> px; skips or fails without a browser.</summary>
    public async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900)
    {
        RequireBrowser();
        return await Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "en-GB" });
    }

    /// <summary>Skips the test when Chromium is missing, or fails it when CHROMIUM_REQUIRED=1 (CI).</summary>
    public void RequireBrowser()
    {
        if (BrowserMissing is null)
        {
            return;
        }

        if (ChromiumExecutable.Required)
        {
            throw new InvalidOperationException("CHROMIUM_REQUIRED=1 but " + BrowserMissing);
        }

        Assert.Skip(BrowserMissing);
    }

    /// <summary>Waits until both projections have processed <paramref name="position"/>.</summary>
    public async Task WaitForProjectionsAsync(ulong position, CancellationToken cancellationToken)
    {
        var admin = new ProjectionAdmin.ProjectionAdminClient(QueryService.Channel);
        await Eventually.IsTrueAsync(
            async () =>
            {
                var reply = await admin.ListProjectionsAsync(new ListProjectionsRequest(), cancellationToken: cancellationToken);
                return reply.Projections.Where(p => p.Name is "lead-views" or "lead-search").Count(p => p.HasCheckpoint && p.Checkpoint >= position) == 2;
            },
            ProjectionDeadline,
            $"both projections reaching position {position}",
            cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        foreach (var service in services)
        {
            await service.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still being released: the temp folder is cleaned by the OS eventually.
        }
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Leads:DataDirectory"] = DataDirectory,
        ["Kestrel:EndpointDefaults:Protocols"] = "Http2",
        ["Leads:CommandService:Url"] = $"http://127.0.0.1:{commandPort}",
    };
}
