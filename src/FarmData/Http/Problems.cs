using IceFarm.Contracts.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceFarm.FarmData.Http;

/// <summary>The API's ProblemDetails answers, each with a stable type code (API.md).</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail, string type = ProblemTypes.InvalidRequest) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", type: type);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ProblemTypes.NotFound);

    public static ProblemHttpResult Conflict(string detail, string type, string title) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title, type: type);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Not your reservation", type: ProblemTypes.NotYourReservation);

    public static ProblemHttpResult Gone(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Reservation ended", type: ProblemTypes.ReservationEnded);

    public static ProblemHttpResult Impossible(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Request the farm can never grant", type: ProblemTypes.ImpossibleRequest);

    /// <summary>429 naming the quota (<c>quota</c> extension) so that a client can tell which one without parsing the detail.</summary>
    public static ProblemHttpResult QuotaExceeded(string quota, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: $"Quota exceeded: {quota}", type: ProblemTypes.QuotaExceeded,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["quota"] = quota });
}
