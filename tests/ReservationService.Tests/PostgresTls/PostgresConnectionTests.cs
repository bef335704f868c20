using IceFarm.FarmData.Store;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace IceFarm.ReservationService.Tests.PostgresTls;

/// <summary><c>ConnectionStrings:Postgres</c> as every part of the service reads it.</summary>
public sealed class PostgresConnectionTests
{
    private const string Local = "Host=127.0.0.1;Port=5432;Username=icefarm;Password=s3cret;Database=icefarm";

    [Theory]
    [InlineData(null, "is not configured")]
    [InlineData("Host=db;Password=s3cret;Colour=blue", "not a valid Npgsql connection string")]
    [InlineData("Host=db;Password=s3cret;SSL Mode=VerifyFull;Root Certificate=/nonexistent/ca.pem", "/nonexistent/ca.pem does not exist")]
    public void A_connection_string_the_service_cannot_use_stops_it_naming_the_problem(string? value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresConnection.Read(Configuration(value)));

        Assert.Contains("ConnectionStrings:Postgres", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_usable_connection_string_is_returned_as_given() =>
        Assert.Equal(Local, PostgresConnection.Read(Configuration(Local)));

    [Theory]
    [InlineData("Host=db.example.org;SSL Mode=Prefer", "does not verify")]
    [InlineData("Host=db.example.org", "does not verify")]
    [InlineData("Host=db.example.org;SSL Mode=Require", "encrypted but does not verify")]
    [InlineData("Host=db.example.org;SSL Mode=Disable", "is not encrypted")]
    [InlineData("Host=127.0.0.1,db.example.org:5433;SSL Mode=Require", "db.example.org")]
    public void A_remote_server_without_verification_is_pointed_out(string connectionString, string message)
    {
        var notice = PostgresConnection.TlsNotice(connectionString);

        Assert.NotNull(notice);
        Assert.Contains(message, notice, StringComparison.Ordinal);
        Assert.Contains("SSL Mode=VerifyFull", notice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.example.org;SSL Mode=VerifyFull")]
    [InlineData("Host=db.example.org;SSL Mode=VerifyCA")]
    [InlineData("Host=127.0.0.1;SSL Mode=Prefer")]
    [InlineData("Host=localhost:5433;SSL Mode=Disable")]
    [InlineData("Host=::1")]
    [InlineData("Host=[::1]:5433")]
    [InlineData("Host=/var/run/postgresql")]
    public void A_verified_or_local_connection_needs_no_notice(string connectionString) =>
        Assert.Null(PostgresConnection.TlsNotice(connectionString));

    private static IConfiguration Configuration(string? postgres) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = postgres }).Build();
}
