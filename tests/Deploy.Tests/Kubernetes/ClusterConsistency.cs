using Leads.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Leads.Deploy.Tests.Kubernetes;

/// <summary>
/// Checks that hold for the base and for every rendered overlay: selectors match pod labels, services reach named
/// container ports, our services listen where their code defaults to with the probes the platform relies on, each
/// projector runs two replicas with the lease on, and the engine clusters agree with the connection strings.
/// </summary>
public static class ClusterConsistency
{
    public static void Check(IReadOnlyList<YamlMappingNode> docs)
    {
        SelectorsMatchTheirPods(docs);
        ServicesReachNamedContainerPorts(docs);
        StatefulSetsHaveTheirGoverningService(docs);
        OurServicesListenAndAreProbedAsTheyServe(docs);
        ProjectorsRunTwoReplicasWithTheLease(docs);
        ConfigurationNamesExist(docs);
        EventStoreClusterAgrees(docs);
        MongoReplicaSetAgrees(docs);
    }

    public static IEnumerable<YamlMappingNode> Workloads(IEnumerable<YamlMappingNode> docs) => docs.OfKind("Deployment", "StatefulSet", "Job");

    public static IReadOnlyDictionary<string, string> Env(YamlMappingNode container) =>
        container.Seq("env").Cast<YamlMappingNode>()
            .Where(e => e.Str("value") is not null)
            .ToDictionary(e => e.Str("name")!, e => e.Str("value")!, StringComparer.Ordinal);

    public static int Replicas(YamlMappingNode workload) =>
        int.Parse(workload.MapAt("spec").Str("replicas") ?? "1", System.Globalization.CultureInfo.InvariantCulture);

    private static void SelectorsMatchTheirPods(IReadOnlyList<YamlMappingNode> docs)
    {
        foreach (var workload in docs.OfKind("Deployment", "StatefulSet"))
        {
            var selector = workload.MapAt("spec", "selector", "matchLabels").StringMap();
            var labels = workload.MapAt("spec", "template", "metadata", "labels").StringMap();
            Assert.NotEmpty(selector);
            Assert.All(selector, s => Assert.True(labels.TryGetValue(s.Key, out var v) && v == s.Value, $"{workload.Name()}: selector {s.Key}={s.Value} does not match its pod labels"));
        }

        foreach (var budget in docs.OfKind("PodDisruptionBudget"))
        {
            var selector = budget.MapAt("spec", "selector", "matchLabels").StringMap();
            Assert.Single(PodsSelectedBy(docs, selector));
        }
    }

    private static void ServicesReachNamedContainerPorts(IReadOnlyList<YamlMappingNode> docs)
    {
        foreach (var service in docs.OfKind("Service"))
        {
            var selector = service.MapAt("spec", "selector").StringMap();
            var workload = Assert.Single(PodsSelectedBy(docs, selector));
            var containerPorts = workload.Containers().SelectMany(c => c.Seq("ports").Cast<YamlMappingNode>()).ToList();
            foreach (var port in service.MapAt("spec").Seq("ports").Cast<YamlMappingNode>())
            {
                var target = port.Str("targetPort") ?? port.Str("port");
                Assert.True(
                    containerPorts.Any(p => p.Str("name") == target || p.Str("containerPort") == target),
                    $"service {service.Name()} targets port {target}, which {workload.Name()} does not declare");
            }
        }
    }

    private static void StatefulSetsHaveTheirGoverningService(IReadOnlyList<YamlMappingNode> docs)
    {
        foreach (var set in docs.OfKind("StatefulSet"))
        {
            var serviceName = set.MapAt("spec").Str("serviceName");
            Assert.False(string.IsNullOrEmpty(serviceName), $"{set.Name()} has no serviceName");
            docs.Named("Service", serviceName!);
        }

        foreach (var headless in new[] { "eventstore-headless", "mongo" })
        {
            var spec = docs.Named("Service", headless).MapAt("spec");
            Assert.Equal("None", spec.Str("clusterIP"));
            Assert.Equal("true", spec.Str("publishNotReadyAddresses"));
        }
    }

    private static void OurServicesListenAndAreProbedAsTheyServe(IReadOnlyList<YamlMappingNode> docs)
    {
        foreach (var service in ServiceCatalog.All)
        {
            var workload = docs.OfKind("Deployment", "StatefulSet").Single(w => w.Name() == service.ComposeName);
            var container = Assert.Single(workload.Containers());
            Assert.Contains($"leads/{service.ComposeName}", container.Str("image"), StringComparison.Ordinal);

            var ports = container.Seq("ports").Cast<YamlMappingNode>().ToDictionary(p => p.Str("name")!, p => p.Str("containerPort")!);
            var main = service.Grpc ? "grpc" : "http";
            Assert.Equal(service.DefaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture), ports[main]);
            Assert.Equal(ServiceCatalog.OpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), ports["ops"]);

            var liveness = container.MapAt("livenessProbe", "httpGet");
            Assert.Equal("/alive", liveness.Str("path"));
            Assert.Equal("ops", liveness.Str("port"));
            Assert.Equal("/alive", container.MapAt("startupProbe", "httpGet").Str("path"));
            var readiness = container.MapAt("readinessProbe");
            if (service.Grpc)
            {
                Assert.Equal(service.DefaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture), readiness.MapAt("grpc").Str("port"));
            }
            else
            {
                Assert.Equal("/health", readiness.MapAt("httpGet").Str("path"));
            }

            var sources = container.Seq("envFrom").Cast<YamlMappingNode>().ToList();
            Assert.Contains(sources, s => s.Map("configMapRef")?.Str("name") == "leads-config");
            Assert.Contains(sources, s => s.Map("secretRef")?.Str("name") == "leads-secrets");
            Assert.Equal("true", container.MapAt("securityContext").Str("runAsNonRoot"));

            var annotations = workload.MapAt("spec", "template", "metadata", "annotations").StringMap();
            Assert.Equal("8080", annotations["prometheus.io/port"]);
            Assert.Equal("/metrics", annotations["prometheus.io/path"]);

            // Projectors take no traffic (their only port is health), so only the others have a Service in front.
            if (!service.Projector)
            {
                var kubernetesService = docs.Named("Service", service.ComposeName);
                Assert.Contains(kubernetesService.MapAt("spec").Seq("ports").Cast<YamlMappingNode>(), p => p.Str("port") == ports[main]);
            }
            else
            {
                Assert.DoesNotContain(docs.OfKind("Service"), s => s.Name() == service.ComposeName);
            }
        }

        foreach (var name in new[] { "command-service", "query-service" })
        {
            var workload = docs.Named("Deployment", name);
            Assert.True(Replicas(workload) >= 1);
            docs.Named("PodDisruptionBudget", name);
        }
    }

    private static void ProjectorsRunTwoReplicasWithTheLease(IReadOnlyList<YamlMappingNode> docs)
    {
        foreach (var service in ServiceCatalog.All.Where(s => s.Projector))
        {
            var workload = docs.Named("Deployment", service.ComposeName);
            Assert.Equal(2, Replicas(workload));
            var container = Assert.Single(workload.Containers());
            Assert.Equal("true", Env(container)["Leads__ProjectorLease__Enabled"]);
            var owner = container.Seq("env").Cast<YamlMappingNode>().Single(e => e.Str("name") == "Leads__ProjectorLease__Owner");
            Assert.Equal("metadata.name", owner.MapAt("valueFrom", "fieldRef").Str("fieldPath"));
            Assert.Equal("0", workload.MapAt("spec", "strategy", "rollingUpdate").Str("maxUnavailable"));
        }

        var config = docs.Named("ConfigMap", "leads-config").MapAt("data").StringMap();
        var duration = TimeSpan.Parse(config["Leads__ProjectorLease__Duration"], System.Globalization.CultureInfo.InvariantCulture);
        var renew = TimeSpan.Parse(config["Leads__ProjectorLease__RenewInterval"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(renew * 2 < duration, $"the lease ({duration}) must outlast at least two renewals ({renew})");
    }

    private static void ConfigurationNamesExist(IReadOnlyList<YamlMappingNode> docs)
    {
        var config = docs.Named("ConfigMap", "leads-config").MapAt("data").StringMap();
        var secret = docs.Named("Secret", "leads-secrets");
        var secretKeys = secret.Map("stringData").Keys().Concat(secret.Map("data").Keys()).ToHashSet(StringComparer.Ordinal);
        foreach (var name in ServiceCatalog.All.SelectMany(s => s.ConnectionStrings).Distinct())
        {
            Assert.True(config.ContainsKey($"ConnectionStrings__{name}") || secretKeys.Contains($"ConnectionStrings__{name}"), $"no ConnectionStrings__{name} in the ConfigMap or Secret");
        }

        // Every service verifies bearer tokens with a key no manifest carries: the Secret leads-auth the user creates
        // reaches every service through envFrom.
        Assert.DoesNotContain("Auth__SigningKey", secretKeys);
        Assert.DoesNotContain("Auth__SigningKey", config.Keys);
        foreach (var service in ServiceCatalog.All)
        {
            var workload = Workloads(docs).Single(w => w.Name() == service.ComposeName);
            var secrets = Assert.Single(workload.Containers()).Seq("envFrom").Cast<YamlMappingNode>().Select(e => e.Map("secretRef")?.Str("name"));
            Assert.Contains("leads-auth", secrets);
        }

        Assert.DoesNotContain(docs, d => d.Str("kind") == "Secret" && d.Name() == "leads-auth");
        Assert.StartsWith("http://elasticsearch:9200", config["ConnectionStrings__elasticsearch"], StringComparison.Ordinal);
        docs.Named("Service", "elasticsearch");
        docs.Named("Service", "rabbitmq");
        foreach (var workload in Workloads(docs))
        {
            foreach (var container in workload.Containers())
            {
                foreach (var reference in container.Seq("env").Cast<YamlMappingNode>().Select(e => e.Map("valueFrom")?.Map("secretKeyRef")).OfType<YamlMappingNode>())
                {
                    Assert.Equal("leads-secrets", reference.Str("name"));
                    Assert.Contains(reference.Str("key")!, secretKeys);
                }
            }
        }
    }

    private static void EventStoreClusterAgrees(IReadOnlyList<YamlMappingNode> docs)
    {
        var cluster = docs.Named("StatefulSet", "eventstore");
        var nodes = Replicas(cluster);
        var env = Env(Assert.Single(cluster.Containers()));
        Assert.Equal(nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), env["EVENTSTORE_CLUSTER_SIZE"]);
        Assert.Equal("None", env["EVENTSTORE_RUN_PROJECTIONS"]);
        var seeds = env["EVENTSTORE_GOSSIP_SEED"].Split(',');
        Assert.Equal(Enumerable.Range(0, nodes).Select(i => $"eventstore-{i}.eventstore-headless:2113"), seeds);
        Assert.Equal("eventstore-headless", cluster.MapAt("spec").Str("serviceName"));

        var connection = docs.Named("ConfigMap", "leads-config").MapAt("data").StringMap()["ConnectionStrings__eventstore"];
        Assert.Equal($"esdb://{string.Join(',', seeds)}?tls=false", connection);
    }

    private static void MongoReplicaSetAgrees(IReadOnlyList<YamlMappingNode> docs)
    {
        var set = docs.Named("StatefulSet", "mongo");
        var members = Enumerable.Range(0, Replicas(set)).Select(i => $"mongo-{i}.mongo:27017").ToList();
        var container = Assert.Single(set.Containers());
        Assert.Contains("rs0", container.Seq("args").Cast<YamlScalarNode>().Select(a => a.Value));
        var init = Assert.Single(docs.Named("Job", "mongo-replica-set-init").Containers());
        Assert.Equal(string.Join(',', members), Env(init)["MONGO_MEMBERS"]);

        var secret = docs.Named("Secret", "leads-secrets");
        var connection = secret.Map("stringData")?.StringMap().GetValueOrDefault("ConnectionStrings__mongo")
            ?? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(secret.MapAt("data").StringMap()["ConnectionStrings__mongo"]));
        var hosts = connection["mongodb://".Length..].Split('/')[0].Split('@')[^1].Split(',');
        Assert.Equal(members, hosts);
        Assert.Contains("replicaSet=rs0", connection, StringComparison.Ordinal);
    }

    private static IEnumerable<YamlMappingNode> PodsSelectedBy(IEnumerable<YamlMappingNode> docs, IReadOnlyDictionary<string, string> selector) =>
        Workloads(docs).Where(w =>
        {
            var labels = w.Map("spec")?.Map("template")?.Map("metadata")?.Map("labels").StringMap() ?? new Dictionary<string, string>();
            return selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);
        });
}
