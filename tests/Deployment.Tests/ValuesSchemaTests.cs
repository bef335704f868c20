using System.Text.Json.Nodes;

namespace IceFarm.Deployment.Tests;

/// <summary>values.yaml against values.schema.json, as helm checks it on install, lint and template.</summary>
public sealed class ValuesSchemaTests
{
    [Fact]
    public void Values_yaml_is_valid_against_the_schema()
    {
        var errors = ChartValues.Validate(ChartValues.Load());

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    public static TheoryData<string> CiValueFiles =>
        [.. Directory.EnumerateFiles(Path.Combine(Repository.Chart, "ci"), "*-values.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CiValueFiles))]
    public void A_ci_values_file_is_valid_merged_over_the_defaults(string file)
    {
        var overrides = (JsonObject)YamlJson.Parse(File.ReadAllText(Path.Combine(Repository.Chart, "ci", file)))!;

        var errors = ChartValues.Validate(ChartValues.Merge(ChartValues.Load(), overrides));

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void Schema_declares_draft_07()
    {
        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)ChartValues.LoadSchemaJson()["$schema"]);
    }

    [Theory]
    [InlineData("postgres.port", "\"5432\"")]                  // a string where a number belongs
    [InlineData("reservationService.replicas", "-1")]
    [InlineData("worker.privileged", "\"yes\"")]
    [InlineData("image.pullPolicy", "\"Sometimes\"")]
    [InlineData("adminToken.value", "\"too-short\"")]          // tokens have at least 16 characters
    [InlineData("rabbitmq.password", "\"p@ss/word\"")]         // would break the AMQP URI
    [InlineData("postgres.password", "\"a;b\"")]               // would break the connection string
    [InlineData("worker.shutdownMarginSeconds", "0")]          // the grace period must exceed the drain deadline
    [InlineData("worker.heartbeatInterval", "\"5s\"")]         // not a TimeSpan
    [InlineData("worker.nodeSelector", "{}")]                  // a worker on every node
    [InlineData("image.tag", "\"feature/x\"")]                 // not a valid image tag
    [InlineData("worker.drainDeadline", "1800")]               // unknown key (a typo of drainDeadlineSeconds)
    [InlineData("reservationService.replica", "3")]            // unknown key
    [InlineData("extra", "true")]                              // unknown top-level key
    [InlineData("adminApi.oidc.authority", "\"http://sso.lab/\"")] // provider keys fetched in the clear
    [InlineData("adminApi.oidc.roles.admin", "\"farm-admins\"")]   // one value where a list belongs
    public void A_wrong_value_fails_validation(string path, string json)
    {
        var values = ChartValues.Load();
        ChartValues.Set(values, path, JsonNode.Parse(json));

        Assert.NotEmpty(ChartValues.Validate(values));
    }

    [Fact]
    public void A_missing_required_value_fails_validation()
    {
        var values = ChartValues.Load();
        var worker = (JsonObject)values["worker"]!;
        worker.Remove("drainDeadlineSeconds");

        Assert.NotEmpty(ChartValues.Validate(values));
    }

    [Theory]
    [InlineData("image.tag", "\"0.1.0-dev\"")]
    [InlineData("worker.image.tag", "\"0.1.0-feature-drain-sigterm\"")]
    [InlineData("adminToken.existingSecret", "\"icefarm-admin\"")]
    [InlineData("rabbitmq.managementUrl", "\"https://rabbitmq.example.org/\"")]
    [InlineData("worker.kinds", "[\"pulsecount\"]")]
    [InlineData("worker.updateStrategy.maxUnavailable", "\"25%\"")]
    [InlineData("reservationService.env", "{\"Reservations__MaxDuration\": \"1.00:00:00\"}")]
    public void An_operator_s_usual_change_stays_valid(string path, string json)
    {
        var values = ChartValues.Load();
        ChartValues.Set(values, path, JsonNode.Parse(json));

        var errors = ChartValues.Validate(values);

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void Every_value_is_described_in_the_schema()
    {
        var undescribed = new List<string>();
        Walk(ChartValues.LoadSchemaJson(), "", undescribed);

        Assert.True(undescribed.Count == 0, "No description: " + string.Join(", ", undescribed));
    }

    [Fact]
    public void Every_key_of_values_yaml_is_in_the_schema()
    {
        var missing = new List<string>();
        Compare(ChartValues.Load(), ChartValues.LoadSchemaJson(), "", missing);

        Assert.True(missing.Count == 0, "Not in the schema: " + string.Join(", ", missing));
    }

    private static void Walk(JsonObject schema, string path, List<string> undescribed)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (name, node) in properties)
        {
            var child = (JsonObject)node!;
            var childPath = path.Length == 0 ? name : $"{path}.{name}";
            if (string.IsNullOrWhiteSpace((string?)child["description"]))
            {
                undescribed.Add(childPath);
            }

            Walk(child, childPath, undescribed);
        }
    }

    // Keys under a schema object that lists its properties must be among them (free-form maps
    // such as nodeSelector have no "properties" and are not descended into).
    private static void Compare(JsonObject values, JsonObject schema, string path, List<string> missing)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (name, value) in values)
        {
            var childPath = path.Length == 0 ? name : $"{path}.{name}";
            if (properties[name] is not JsonObject child)
            {
                missing.Add(childPath);
            }
            else if (value is JsonObject map)
            {
                Compare(map, child, childPath, missing);
            }
        }
    }
}
