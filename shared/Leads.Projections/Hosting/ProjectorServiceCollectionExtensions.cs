using Leads.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Leads.Projections.Hosting;

/// <summary>
/// Registers a projection to run in this process: its <see cref="Projector{TDoc}"/> over the registered
/// <see cref="IEventStore"/> and its store, and the <see cref="ProjectorHost"/> that runs every registered projector
/// with the control plane (status, pause, resume, reset, parked replay for ProjectionAdmin) and, when registered, the
/// lease. The checkpoint, parking and telemetry come with the projector.
/// <code>
/// services.AddProjector(sp => LeadReadModelProjection.For(sp.GetRequiredService&lt;LeadEventCodec&gt;()));
/// </code>
/// </summary>
public static class ProjectorServiceCollectionExtensions
{
    /// <param name="projection">The pure projection (its name, handlers and subscription).</param>
    /// <param name="options">How it batches and retries; by default a registered <see cref="ProjectorOptions"/>, else the defaults.</param>
    /// <param name="store">Where its documents, checkpoint and parked events live; by default the registered <see cref="IProjectionStore{TDoc}"/>.</param>
    public static IServiceCollection AddProjector<TDoc>(
        this IServiceCollection services,
        Func<IServiceProvider, Projection<TDoc>> projection,
        ProjectorOptions? options = null,
        Func<IServiceProvider, IProjectionStore<TDoc>>? store = null)
        where TDoc : class
    {
        ArgumentNullException.ThrowIfNull(projection);
        services.AddSingleton(sp => new Projector<TDoc>(
            projection(sp),
            sp.GetRequiredService<IEventStore>(),
            store?.Invoke(sp) ?? sp.GetRequiredService<IProjectionStore<TDoc>>(),
            options ?? sp.GetService<ProjectorOptions>() ?? new ProjectorOptions(),
            sp.GetRequiredService<ILogger<Projector<TDoc>>>(),
            origins: sp.GetService<ICheckpointOrigins>()));
        services.AddSingleton<IProjector>(sp => sp.GetRequiredService<Projector<TDoc>>());
        services.TryAddSingleton(new ProjectorHostOptions());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ProjectorHost>());
        return services;
    }
}
