using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IceFarm.Deployment.Tests;

/// <summary>
/// One broker user per process (issue 15, item 3): each worker pod logs in as <c>worker-&lt;node&gt;</c> with its node's
/// password from a file, the services have users of their own, and the ReservationService checks who sent a worker's
/// report unless the unsafe shared worker user is chosen.
/// </summary>
public sealed partial class BrokerUsersTests
{
    private static readonly string Worker = File.ReadAllText(Path.Combine(Repository.Chart, "templates", "worker.yaml"));
    private static readonly string ReservationService = File.ReadAllText(Path.Combine(Repository.Chart, "templates", "reservation-service.yaml"));

    [Fact]
    public void The_defaults_give_every_worker_its_own_broker_user()
    {
        var values = ChartValues.Load();

        Assert.True((bool)ChartValues.At(values, "rabbitmq.workerUsers.enabled")!);
        Assert.False(string.IsNullOrEmpty((string?)ChartValues.At(values, "rabbitmq.workerUsers.existingSecret")));
        Assert.Empty(ChartValues.Validate(values));
    }

    [Fact]
    public void A_worker_logs_in_as_worker_and_its_node_name_with_no_password_in_the_URI()
    {
        var own = OwnUserBranch(Worker);

        Assert.Matches(@"- name: ConnectionStrings__RabbitMq\s+value: \{\{ include ""icefarm.amqpUri"" \(dict ""root"" \. ""userinfo"" ""worker-\$\(Worker__Name\)""\) \| quote \}\}", own);
        Assert.DoesNotContain("ICEFARM_RABBITMQ_PASSWORD", own, StringComparison.Ordinal);
        // Kubernetes expands $(Worker__Name) only from a variable defined earlier in the list: the node's name.
        var name = Worker.IndexOf("- name: Worker__Name", StringComparison.Ordinal);
        Assert.True(name >= 0 && name < Worker.IndexOf(own, StringComparison.Ordinal), "Worker__Name is not defined before the URI that uses it");
        Assert.Matches(@"- name: Worker__Name\s+valueFrom:\s+fieldRef:\s+fieldPath: spec\.nodeName", Worker);
        // The same name as the user eng/broker-users.sh makes for a worker, and the service expects (WorkerSenderCheck).
        Assert.Contains("user=\"worker-$subject\"", Repository.Read("eng/broker-users.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_worker_s_password_is_its_node_s_key_of_the_secret_read_from_a_file()
    {
        var own = OwnUserBranch(Worker);
        var init = Worker[Worker.IndexOf("      initContainers:", StringComparison.Ordinal)..Worker.IndexOf("      containers:", StringComparison.Ordinal)];
        var container = Worker[Worker.IndexOf("      containers:", StringComparison.Ordinal)..Worker.IndexOf("      volumes:", StringComparison.Ordinal)];
        var volumes = Worker[Worker.IndexOf("      volumes:", StringComparison.Ordinal)..];

        Assert.Matches(@"- name: RabbitMq__PasswordFile\s+value: /run/icefarm/broker-user/password\n", own);
        // The Secret: one key per node, group-readable by the pod's fsGroup only, mounted in the init container alone.
        Assert.Matches(@"- name: broker-users\s+secret:\s+secretName: \{\{ \.Values\.rabbitmq\.workerUsers\.existingSecret \}\}\s+defaultMode: 0440\n", volumes);
        Assert.Matches(@"- name: broker-users\s+mountPath: /etc/icefarm/broker-users\s+readOnly: true", init);
        Assert.DoesNotContain("name: broker-users\n", container, StringComparison.Ordinal);
        // The init container copies this node's key, and only it, to the memory volume the worker reads.
        Assert.Matches(@"- name: NODE_NAME\s+valueFrom:\s+fieldRef:\s+fieldPath: spec\.nodeName", init);
        Assert.Contains("file=\"/etc/icefarm/broker-users/$NODE_NAME\"", init, StringComparison.Ordinal);
        Assert.Contains("mv -f /run/icefarm/broker-user/password.new /run/icefarm/broker-user/password", init, StringComparison.Ordinal);
        Assert.Matches(@"- name: broker-user\s+mountPath: /run/icefarm/broker-user\s+readOnly: true", container);
        Assert.Matches(@"- name: broker-user\s+emptyDir:\s+medium: Memory", volumes);
        Assert.Matches(@"allowPrivilegeEscalation: false\s+capabilities:\s+drop: \[""ALL""\]\s+runAsNonRoot: true\s+readOnlyRootFilesystem: true", init);
        // All of it only while workers have their own users.
        Assert.Equal(4, WorkerUsersBranch().Count(Worker)); // the init container, the env, the mount, the volumes
    }

    [Theory]
    [InlineData(null, "true")]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    public void The_ReservationService_requires_the_worker_s_own_user_unless_workers_share_one(bool? enabled, string expected)
    {
        var values = ChartValues.Load();
        if (enabled is { } set)
        {
            ChartValues.Set(values, "rabbitmq.workerUsers.enabled", set);
            ChartValues.Set(values, "rabbitmq.worker.username", set ? "" : "icefarm-worker");
        }

        Assert.Empty(ChartValues.Validate(values));
        Assert.Equal(expected, EnvValue(ReservationService, "WorkerIdentity__Required", values));
    }

    [Theory]
    [InlineData("reservation-service.yaml", "reservationService", "reservation-service-rabbitmq-password")]
    [InlineData("admin-api.yaml", "adminApi", "admin-api-rabbitmq-password")]
    public void Each_service_connects_as_its_own_user_when_it_has_one(string template, string service, string secretKey)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Chart, "templates", template));
        var helpers = File.ReadAllText(Path.Combine(Repository.Chart, "templates", "_helpers.tpl"));
        var secret = File.ReadAllText(Path.Combine(Repository.Chart, "templates", "secret.yaml"));

        Assert.Contains($"include \"icefarm.rabbitmqEnv\" (dict \"root\" . \"service\" \"{service}\" \"secretKey\" \"{secretKey}\")", text, StringComparison.Ordinal);
        Assert.Contains("$own := index .root.Values.rabbitmq .service", helpers, StringComparison.Ordinal);
        Assert.Contains("\"username\" ($own.username | default .root.Values.rabbitmq.username)", helpers, StringComparison.Ordinal);
        Assert.Contains($"{secretKey}: {{{{ .Values.rabbitmq.{service}.password | b64enc | quote }}}}", secret, StringComparison.Ordinal);
        Assert.Equal(secretKey, (string?)ChartValues.At(ChartValues.Load(), $"rabbitmq.{service}.existingSecretKey"));
    }

    [Theory]
    [InlineData("rabbitmq.workerUsers.existingSecret", "\"\"")]                 // per-worker users need their Secret
    [InlineData("rabbitmq.workerUsers.existingSecret", "\"Broker_Users\"")]     // not a Secret's name
    [InlineData("rabbitmq.worker.username", "\"icefarm-worker\"")]              // the shared user, ignored while workers have their own
    [InlineData("rabbitmq.reservationService.username", "\"worker-rs\"")]       // a worker's user name
    [InlineData("rabbitmq.adminApi.password", "\"p@ss\"")]                      // would break the AMQP URI
    [InlineData("worker.env", "{\"Worker__Name\": \"other\"}")]                 // the name is the node's: its user and key
    [InlineData("worker.env", "{\"RabbitMq__PasswordFile\": \"/tmp/p\"}")]
    public void A_wrong_broker_user_value_fails_validation(string path, string json)
    {
        var values = ChartValues.Load();
        ChartValues.Set(values, path, JsonNode.Parse(json));

        Assert.NotEmpty(ChartValues.Validate(values));
    }

    [Theory]
    [InlineData("rabbitmq.reservationService.username", "\"icefarm-reservations\"")]
    [InlineData("rabbitmq.adminApi.existingSecret", "\"icefarm-mq\"")]
    [InlineData("rabbitmq.workerUsers.existingSecret", "\"lab.broker-users\"")]
    public void An_operator_s_broker_user_choice_stays_valid(string path, string json)
    {
        var values = ChartValues.Load();
        ChartValues.Set(values, path, JsonNode.Parse(json));

        var errors = ChartValues.Validate(values);

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    // The env entries of the worker's own-user branch: from its {{- if .Values.rabbitmq.workerUsers.enabled }} in the
    // env list to the {{- else }} of the shared user.
    private static string OwnUserBranch(string template)
    {
        var env = template[template.IndexOf("          env:\n            - name: Urls", StringComparison.Ordinal)..];
        var start = env.IndexOf("{{- if .Values.rabbitmq.workerUsers.enabled }}", StringComparison.Ordinal);
        return env[start..env.IndexOf("{{- else }}", start, StringComparison.Ordinal)];
    }

    // The value an env entry renders to, for the one form the chart uses for switches: {{ .Values.a.b | quote }}.
    private static string EnvValue(string template, string name, JsonNode values)
    {
        var match = Regex.Match(template, $@"- name: {Regex.Escape(name)}\s+value: \{{\{{ \.Values\.(?<path>[A-Za-z0-9_.]+) \| quote \}}\}}");
        Assert.True(match.Success, $"{name} is not set from a value with | quote");
        var value = ChartValues.At(values, match.Groups["path"].Value);
        Assert.NotNull(value);
        return value.ToJsonString().Trim('"');
    }

    [GeneratedRegex(@"\{\{- if \.Values\.rabbitmq\.workerUsers\.enabled \}\}")]
    private static partial Regex WorkerUsersBranch();
}
