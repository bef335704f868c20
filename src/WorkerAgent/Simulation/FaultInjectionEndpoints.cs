using System.Security.Cryptography;
using System.Text;
using IceFarm.WorkerAgent.Workers;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// Board-level faults injected into a running worker's simulated boards (hardware.md §8.5), for fault drills against the
/// real processes: arm a <see cref="SimulatedFault"/>, unplug or replug a board. Mapped only when the worker simulates its
/// boards and <c>Worker:FaultInjectionToken</c> is set; every call carries that token as a bearer token.
/// </summary>
internal static class FaultInjectionEndpoints
{
    public static WebApplication MapFaultInjection(this WebApplication app)
    {
        var worker = app.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
        if (worker.SimulatedBoards == 0 || worker.FaultInjectionToken is not { } token)
        {
            return app;
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var faults = app.MapGroup("/faults/boards").AddEndpointFilter(async (context, next) =>
        {
            var header = context.HttpContext.Request.Headers.Authorization.ToString();
            var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : "";
            // Hashes of equal length, compared in constant time: the comparison says nothing about the token's prefix.
            return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), expected)
                ? await next(context)
                : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid fault-injection token is required.");
        });

        faults.MapGet("", (SimulatedFarm farm) => TypedResults.Ok(farm.Boards.Select(Describe)));
        faults.MapPost("/{serial}", (string serial, FaultInjectionRequest request, SimulatedFarm farm, ILogger<SimulatedFarm> logger) =>
            WithBoard(farm, serial, board =>
            {
                if (!Enum.TryParse<SimulatedFault>(request.Fault, ignoreCase: true, out var fault) || !Enum.IsDefined(fault))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown fault.",
                        detail: $"'{request.Fault}' is not one of {string.Join(", ", Enum.GetNames<SimulatedFault>())}.");
                }

                if (request.Times is < 1)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Times must be at least 1.");
                }

                _ = request.Always ? board.Faults.Always(fault) : board.Faults.Next(fault, request.Times ?? 1);
                logger.LogWarning("Fault injection: {Fault} armed on board {Serial} ({Times})", fault, serial, request.Always ? "always" : request.Times ?? 1);
                return TypedResults.Ok(Describe(board));
            }));
        faults.MapDelete("/{serial}/{fault}", (string serial, SimulatedFault fault, SimulatedFarm farm) =>
            WithBoard(farm, serial, board =>
            {
                board.Faults.Clear(fault);
                return TypedResults.Ok(Describe(board));
            }));
        faults.MapPost("/{serial}/unplug", (string serial, SimulatedFarm farm, ILogger<SimulatedFarm> logger) =>
            WithBoard(farm, serial, board =>
            {
                logger.LogWarning("Fault injection: board {Serial} unplugged", serial);
                board.Unplug();
                return TypedResults.Ok(Describe(board));
            }));
        faults.MapPost("/{serial}/replug", (string serial, SimulatedFarm farm, ILogger<SimulatedFarm> logger) =>
            WithBoard(farm, serial, board =>
            {
                logger.LogWarning("Fault injection: board {Serial} plugged in again", serial);
                board.PlugInLive();
                return TypedResults.Ok(Describe(board));
            }));
        return app;
    }

    private static IResult WithBoard(SimulatedFarm farm, string serial, Func<SimulatedBoard, IResult> act) =>
        farm.FindBySerial(serial) is { } board
            ? act(board)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such simulated board.", detail: $"This worker simulates no board '{serial}'.");

    private static object Describe(SimulatedBoard board) => new
    {
        board.Serial,
        Mode = board.Mode.ToString(),
        Armed = Enum.GetValues<SimulatedFault>().Where(board.Faults.IsArmed).Select(f => f.ToString()),
        Fired = board.Faults.Fired.Select(f => f.ToString()),
    };
}
