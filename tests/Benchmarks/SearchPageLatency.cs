using System.Diagnostics;
using Leads.Contracts.V1;
using Leads.EventStore.Sqlite;
using Leads.Testing;
using Microsoft.Playwright;

namespace Leads.Benchmarks;

/// <summary>
/// The search page on the embedded default: from the agent's last keystroke to the results rendered in headless
/// Chromium (the page's 120 ms debounce, the JSON call to the query service, Lucene and the DOM update included), for
/// an email, a phone prefix and a name prefix over a seeded history. Measured inside the page (keydown to the animation
/// frame after the results list changed), so the browser driver's own round trips are not counted.
/// </summary>
internal static class SearchPageLatency
{
    // Records the time of every keydown in the search box and of the first frame after the results were replaced.
    private const string Probe = """
        () => {
          const input = document.getElementById('search-input');
          const results = document.getElementById('results');
          input.addEventListener('keydown', () => { window.__benchKey = performance.now(); }, true);
          new MutationObserver(() => {
            const query = results.dataset.query;
            requestAnimationFrame(() => { window.__benchRendered = { query, at: performance.now() }; });
          }).observe(results, { attributes: true, attributeFilter: ['data-query'], childList: true });
        }
        """;

    public static async Task<object> RunAsync(string workDir, int leads, bool quick, CancellationToken ct)
    {
        var chromium = ChromiumExecutable.Find();
        if (chromium is null)
        {
            Console.Error.WriteLine($"search page: skipped, {ChromiumExecutable.MissingReason}");
            return new { skipped = "no chromium" };
        }

        var dataDir = Path.Combine(workDir, "page");
        Directory.CreateDirectory(dataDir);
        var eventsPath = Path.Combine(dataDir, "events.db");
        ulong head;
        await using (var store = new SqliteEventStore(eventsPath))
        {
            head = (await SeedEvents.WriteAsync(store, leads, longStreamEvents: 10, SeedOrder.Interleaved, ct)).Last.Commit;
        }

        var pagePort = FreePort.Next();
        var settings = new Dictionary<string, string> { ["Leads:DataDirectory"] = dataDir, ["Logging:LogLevel:Default"] = "Warning" };
        var querySettings = new Dictionary<string, string>(settings) { ["Leads:SearchPage:Url"] = $"http://127.0.0.1:{pagePort}" };
        // Side by side: only the page is measured here, from an index already caught up.
        var started = await StartTogether.StartAsync(("Leads.QueryService", querySettings), ("Leads.SearchProjector", settings), ct);
        await using var query = started.First;
        await using var search = started.Second;
        await WaitForSearchIndexAsync(new ProjectionAdmin.ProjectionAdminClient(query.Channel), head, search, ct);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ChromiumExecutable.Arguments });
        var page = await browser.NewPageAsync();
        // The page's calls need leads.read: the token rides in the fragment, as an agent's link carries it.
        await page.GotoAsync($"http://127.0.0.1:{pagePort}/#token={Uri.EscapeDataString(TestTokens.For([Leads.Security.LeadsRoles.Read], subject: "agent"))}");
        await page.EvaluateAsync(Probe);

        var samplesPerKind = quick ? 5 : 40;
        long Pick(int i) => 1 + (i * 104_729L % leads);
        var kinds = new (string Name, Func<int, string> Query)[]
        {
            ("email", i => SeedEvents.Email(Pick(i), 1)),
            ("phone_prefix", i => SeedEvents.Phone(Pick(i), 2)[..7]),
            ("name_prefix", i => NamePrefix(Pick(i))),
        };

        // One warm-up search so the first sample does not pay for the JIT and the index's first open.
        await MeasureAsync(page, kinds[0].Query(leads / 2));
        var all = new List<double>();
        var byKind = new Dictionary<string, object>();
        foreach (var (name, makeQuery) in kinds)
        {
            var samples = new List<double>();
            for (var i = 0; i < samplesPerKind; i++)
            {
                samples.Add(await MeasureAsync(page, makeQuery(i)));
            }

            all.AddRange(samples);
            byKind[name] = Summary(samples);
        }

        var result = new
        {
            leads,
            debounce_ms = 120,
            keystroke_to_results_ms = Summary(all),
            by_query = byKind,
        };
        Console.Error.WriteLine($"{"search page",-28} {System.Text.Json.JsonSerializer.Serialize(result)}");
        return result;
    }

    /// <summary>Clears the box, types <paramref name="text"/> key by key, and returns last keydown to results rendered (ms).</summary>
    private static async Task<double> MeasureAsync(IPage page, string text)
    {
        var box = page.Locator("#search-input");
        await box.FillAsync(string.Empty);
        await page.WaitForFunctionAsync("() => document.getElementById('search-view').dataset.state === 'idle'");
        await page.EvaluateAsync("() => { window.__benchRendered = null; }");
        await box.PressSequentiallyAsync(text);
        await page.WaitForFunctionAsync(
            "q => window.__benchRendered && window.__benchRendered.query === q && document.getElementById('search-view').dataset.state === 'results'",
            text,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        return await page.EvaluateAsync<double>("() => window.__benchRendered.at - window.__benchKey");
    }

    /// <summary>"Bench" and the first three digits of the id, as an agent types a name's start: shared by many leads.</summary>
    private static string NamePrefix(long id)
    {
        var digits = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "Bench" + digits[..Math.Min(3, digits.Length)];
    }

    private static object Summary(List<double> samples)
    {
        var sorted = samples.Order().ToList();
        double At(double p) => Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)], 1);
        return new { samples = sorted.Count, p50 = At(50), p99 = At(99), max = Math.Round(sorted[^1], 1) };
    }

    private static async Task WaitForSearchIndexAsync(ProjectionAdmin.ProjectionAdminClient admin, ulong head, ServiceProcess projector, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            var info = (await admin.ListProjectionsAsync(new ListProjectionsRequest(), cancellationToken: ct)).Projections.FirstOrDefault(p => p.Name == "lead-search");
            if (info is { HasCheckpoint: true } && info.Checkpoint >= head)
            {
                Console.Error.WriteLine($"search page: search index caught up with {head} in {clock.Elapsed.TotalSeconds:0.0} s");
                return;
            }

            if (projector.HasExited)
            {
                throw new InvalidOperationException($"{projector.Name} exited during catch-up:{Environment.NewLine}{projector.RecentOutput}");
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException($"lead-search did not catch up with {head} within 10 minutes");
    }
}
