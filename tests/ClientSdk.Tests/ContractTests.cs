using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using IceFarm.Client.Internal;
using IceFarm.Contracts.Http;
using Microsoft.AspNetCore.Mvc;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// The SDK and the CLI read the farm's JSON with <see cref="FarmJsonContext"/> (generated at build time), the services
/// write it with their ASP.NET Core options: these tests fail when the two disagree on a record's fields or on which
/// record an endpoint or an event carries.
/// </summary>
public sealed class ContractTests(ServiceContract service) : IClassFixture<ServiceContract>
{
    /// <summary>
    /// The record the SDK reads for each event type of the stream; <c>devices-available</c> is not read, and the
    /// stream's own <c>connected</c>/<c>keep-alive</c> events (data <c>{}</c>) are dropped unread.
    /// </summary>
    private static readonly Dictionary<string, Type> EventRecords = new()
    {
        [StreamEventTypes.DeviceReady] = typeof(DeviceReadyEvent),
        [StreamEventTypes.Result] = typeof(ResultEvent),
        [StreamEventTypes.EvaluationFailed] = typeof(EvaluationFailedEvent),
        [StreamEventTypes.ReservationEndingSoon] = typeof(ReservationEndingSoonEvent),
        [StreamEventTypes.ReservationEnded] = typeof(ReservationEndedEvent),
        [StreamEventTypes.DeviceFailed] = typeof(DeviceFailedEvent),
        [StreamEventTypes.DeviceReplaced] = typeof(DeviceReplacedEvent),
        [StreamEventTypes.DeviceRecovering] = typeof(DeviceRecoveringEvent),
        [StreamEventTypes.WorkerDraining] = typeof(WorkerDrainingEvent),
    };

    /// <summary>The admin calls the CLI makes, with the type it reads from each.</summary>
    private static readonly (string Method, string Route, Type Answer)[] CliAdminCalls =
    [
        ("GET", "/api/admin/workers", typeof(WorkerInfo[])),
        ("GET", "/api/admin/devices", typeof(DeviceInfo[])),
        ("POST", "/api/admin/clients", typeof(ClientCreated)),
    ];

    public static TheoryData<string> ContextTypes() => [.. SdkTypes().Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(ContextTypes))]
    public void The_sdk_reads_every_field_the_service_writes(string typeName)
    {
        var type = SdkTypes().Single(t => t.FullName == typeName);
        var sample = ContractSamples.Of(type);

        Assert.Null(Disagreement(type, JsonSerializer.Serialize(sample, type, service.ServiceJson)));
        Assert.Null(Disagreement(type, JsonSerializer.Serialize(sample, type, service.AdminJson), service.AdminJson));
    }

    [Theory]
    [MemberData(nameof(ContextTypes))]
    public void The_service_reads_every_field_the_sdk_writes(string typeName)
    {
        var type = SdkTypes().Single(t => t.FullName == typeName);
        var sample = ContractSamples.Of(type);

        var sent = JsonSerializer.Serialize(sample, FarmJsonContext.Default.GetTypeInfo(type)!);
        var read = JsonSerializer.Deserialize(sent, type, service.ServiceJson);

        Assert.Equal(JsonSerializer.Serialize(sample, type, service.ServiceJson), JsonSerializer.Serialize(read, type, service.ServiceJson));
    }

    [Fact]
    public void A_result_of_either_shape_reads_back_as_the_service_wrote_it()
    {
        foreach (var value in new object[] { 1234L, new VarianceValue(2.5, [1, 4, 9]), new VarianceValue(3.5, null) })
        {
            var result = new ResultEvent(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "bit", "S1", value);
            Assert.Null(Disagreement(typeof(ResultEvent), JsonSerializer.Serialize(result, service.ServiceJson)));
        }
    }

    [Theory]
    [InlineData("\"replacement\":", "\"replacementSerial\":")]
    [InlineData("\"reservationId\":", "\"reservation\":")]
    [InlineData("\"reason\":\"", "\"reason\":1,\"x\":\"")]
    public void A_field_renamed_on_one_side_is_a_disagreement(string field, string renamed)
    {
        var sample = (DeviceReplacedEvent)ContractSamples.Of(typeof(DeviceReplacedEvent));
        var written = JsonSerializer.Serialize(sample, service.ServiceJson);
        Assert.Contains(field, written, StringComparison.Ordinal);

        Assert.NotNull(Disagreement(typeof(DeviceReplacedEvent), written.Replace(field, renamed, StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_event_the_sdk_reads_has_its_record_in_the_context()
    {
        var types = typeof(StreamEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(types.Except([StreamEventTypes.DevicesAvailable, StreamEventTypes.Connected, StreamEventTypes.KeepAlive]).Order(), EventRecords.Keys.Order());
        Assert.All(EventRecords.Values, t => Assert.NotNull(FarmJsonContext.Default.GetTypeInfo(t)));
    }

    [Fact]
    public void Every_answer_of_the_client_api_is_in_the_context()
    {
        var answers = service.ServiceEndpoints
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .Select(e => (Endpoint: e, Answer: ServiceContract.AnswerOf(e)))
            .Where(a => a.Answer is not null)
            .ToArray();

        Assert.NotEmpty(answers);
        Assert.All(answers, a => Assert.True(
            FarmJsonContext.Default.GetTypeInfo(a.Answer!) is not null || IsListOf(a.Answer!, typeof(ReservationResponse)),
            $"{a.Endpoint.RoutePattern.RawText} answers {a.Answer}, which the SDK's FarmJsonContext does not know."));
    }

    [Fact]
    public void The_admin_calls_of_the_cli_answer_what_it_reads()
    {
        foreach (var (method, route, answer) in CliAdminCalls)
        {
            var endpoint = Assert.Single(service.AdminEndpoints, e => e.RoutePattern.RawText?.TrimEnd('/') == route && ServiceContract.MethodOf(e) == method);
            var served = ServiceContract.AnswerOf(endpoint);
            Assert.True(served == answer || (served is not null && IsListOf(served, answer.GetElementType()!)), $"{method} {route} answers {served}, the CLI reads {answer}.");
            Assert.NotNull(FarmJsonContext.Default.GetTypeInfo(answer));
        }
    }

    [Fact]
    public void A_problem_reads_as_its_type_and_detail()
    {
        var problem = new ProblemDetails { Type = ProblemTypes.NotYourReservation, Title = "No", Status = 403, Detail = "Another client's reservation." };

        var read = JsonSerializer.Deserialize(JsonSerializer.Serialize(problem, service.ServiceJson), FarmJsonContext.Default.ProblemBody)!;

        Assert.Equal((problem.Type, problem.Detail), (read.Type, read.Detail));
    }

    /// <summary>
    /// Null when the SDK's context reads <paramref name="written"/> into a record that the service writes back the same;
    /// otherwise both JSON texts (a field the SDK does not know is lost, a field it misses comes back null or 0).
    /// </summary>
    private string? Disagreement(Type type, string written, JsonSerializerOptions? options = null)
    {
        options ??= service.ServiceJson;
        object? read;
        try
        {
            read = JsonSerializer.Deserialize(written, FarmJsonContext.Default.GetTypeInfo(type)!);
        }
        catch (JsonException ex)
        {
            return $"the SDK cannot read {type.Name}: {ex.Message}";
        }

        var again = JsonSerializer.Serialize(read, type, options);
        return JsonNode.DeepEquals(JsonNode.Parse(written), JsonNode.Parse(again)) ? null : $"service wrote {written}, the SDK read back {again}";
    }

    /// <summary>The records in the SDK's context (the root types of its <see cref="JsonSerializableAttribute"/>s, lists unwrapped).</summary>
    private static IEnumerable<Type> SdkTypes() =>
        typeof(FarmJsonContext).GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!)
            .Where(t => t != typeof(JsonElement));

    private static bool IsListOf(Type type, Type element) =>
        (type.IsArray && type.GetElementType() == element)
        || type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>) && i.GetGenericArguments()[0] == element);
}
