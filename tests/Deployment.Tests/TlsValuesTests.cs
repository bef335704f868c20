using System.Text.Json.Nodes;

namespace IceFarm.Deployment.Tests;

/// <summary>The chart's TLS values: verified TLS to the database and the broker by default, and no way to half-configure it.</summary>
public sealed class TlsValuesTests
{
    [Fact]
    public void The_defaults_verify_the_database_and_the_broker()
    {
        var values = ChartValues.Load();

        Assert.Equal("VerifyFull", (string?)ChartValues.At(values, "postgres.sslMode"));
        Assert.True((bool)ChartValues.At(values, "rabbitmq.tls.enabled")!);
        // 0: the scheme's own port, 5671 for amqps.
        Assert.Equal(0L, (long)ChartValues.At(values, "rabbitmq.port")!);
    }

    [Theory]
    [InlineData("postgres.sslMode", "\"verify-full\"")]                   // libpq's spelling, not Npgsql's
    [InlineData("postgres.sslMode", "\"None\"")]
    [InlineData("postgres.options", "\"SSL Mode=Disable\"")]              // would fight postgres.sslMode
    [InlineData("postgres.options", "\"Pooling=true; sslmode=disable\"")]
    [InlineData("postgres.options", "\"Root Certificate=/tmp/ca.pem\"")]  // postgres.caSecret mounts it
    [InlineData("postgres.caSecretKey", "\"../ca.crt\"")]
    [InlineData("rabbitmq.port", "-1")]
    [InlineData("rabbitmq.tls.verify", "false")]                           // there is no switch for verification
    [InlineData("rabbitmq.tls.enabled", "\"yes\"")]
    public void A_wrong_tls_value_fails_validation(string path, string json)
    {
        var values = ChartValues.Load();
        ChartValues.Set(values, path, JsonNode.Parse(json));

        Assert.NotEmpty(ChartValues.Validate(values));
    }

    [Fact]
    public void A_broker_CA_for_a_plaintext_broker_fails_validation()
    {
        var values = ChartValues.Load();
        ChartValues.Set(values, "rabbitmq.tls.enabled", JsonValue.Create(false));
        ChartValues.Set(values, "rabbitmq.tls.caSecret", JsonValue.Create("mq-ca"));

        Assert.NotEmpty(ChartValues.Validate(values));
    }

    [Theory]
    [InlineData("postgres.sslMode", "\"Require\"")]
    [InlineData("postgres.caSecret", "\"db-ca\"")]
    [InlineData("postgres.options", "\"Maximum Pool Size=50;Timeout=30\"")]
    [InlineData("rabbitmq.port", "5671")]
    [InlineData("rabbitmq.tls.enabled", "false")]
    [InlineData("rabbitmq.tls.caSecret", "\"mq-ca\"")]
    public void An_operator_s_tls_choice_stays_valid(string path, string json)
    {
        var values = ChartValues.Load();
        ChartValues.Set(values, path, JsonNode.Parse(json));

        var errors = ChartValues.Validate(values);

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Theory]
    [InlineData("templates/_helpers.tpl")]
    [InlineData("templates/worker.yaml")]
    public void Every_AMQP_URI_comes_from_the_one_helper_that_knows_the_scheme(string template)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Chart, template));

        Assert.DoesNotContain("\"amqp://", text, StringComparison.Ordinal);
        Assert.Contains("include \"icefarm.amqpUri\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_database_connection_string_takes_its_SSL_Mode_and_CA_from_the_values()
    {
        var helpers = File.ReadAllText(Path.Combine(Repository.Chart, "templates/_helpers.tpl"));

        Assert.Contains("SSL Mode=%s", helpers, StringComparison.Ordinal);
        Assert.Contains(".Values.postgres.sslMode", helpers, StringComparison.Ordinal);
        Assert.Contains("Root Certificate=/etc/icefarm/postgres-ca/", helpers, StringComparison.Ordinal);
    }
}
