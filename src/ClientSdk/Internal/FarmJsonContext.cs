using System.Text.Json;
using System.Text.Json.Serialization;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Http;

namespace IceFarm.Client.Internal;

/// <summary>
/// The JSON the SDK and the CLI read from and write to the farm, as <c>Contracts/Http</c> records, with serializers
/// generated at build time (no reflection, trimming-safe). The web defaults are those the service's minimal APIs use;
/// the contract test (<c>ContractTests</c>) checks this context against the service's own options and endpoints.
/// </summary>
/// <remarks>
/// Internal to the SDK (and the CLI, shipped with it) on purpose: the service serializes with its ASP.NET Core options,
/// so a public context in the Contracts package would add public API that only the SDK uses.
/// </remarks>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AvailabilityResponse))]
[JsonSerializable(typeof(ClientUsage))]
[JsonSerializable(typeof(QueuedRequestInfo[]))]
[JsonSerializable(typeof(ReserveRequest))]
[JsonSerializable(typeof(ReservationResponse))]
[JsonSerializable(typeof(IReadOnlyList<ReservationResponse>))]
[JsonSerializable(typeof(ExtendRequest))]
[JsonSerializable(typeof(EvaluationsAccepted))]
[JsonSerializable(typeof(DeviceReadyEvent))]
[JsonSerializable(typeof(ResultEvent))]
[JsonSerializable(typeof(VarianceValue))]
[JsonSerializable(typeof(EvaluationFailedEvent))]
[JsonSerializable(typeof(ReservationEndingSoonEvent))]
[JsonSerializable(typeof(ReservationEndedEvent))]
[JsonSerializable(typeof(DeviceFailedEvent))]
[JsonSerializable(typeof(DeviceReplacedEvent))]
[JsonSerializable(typeof(DeviceRecoveringEvent))]
[JsonSerializable(typeof(WorkerDrainingEvent))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(WorkerInfo[]))]
[JsonSerializable(typeof(DeviceInfo[]))]
[JsonSerializable(typeof(CreateClientRequest))]
[JsonSerializable(typeof(ClientCreated))]
[JsonSerializable(typeof(DrainRequest))]
[JsonSerializable(typeof(MaintenanceRequest))]
internal sealed partial class FarmJsonContext : JsonSerializerContext;
