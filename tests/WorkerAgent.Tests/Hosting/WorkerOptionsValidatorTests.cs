using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Workers;

namespace IceFarm.WorkerAgent.Tests.Hosting;

public sealed class WorkerOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid_AndServeBothKinds()
    {
        var options = new WorkerOptions { Name = "worker-1" };
        new WorkerOptionsSetup().PostConfigure(null, options);

        Assert.True(new WorkerOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(["pulsecount", "variance"], options.Kinds);
        Assert.Equal(TimeSpan.FromSeconds(5), options.HeartbeatInterval);
        Assert.Equal("realistic", options.SimulationProfile);
    }

    [Theory]
    [InlineData("Name", "-leading-dash")]
    [InlineData("Name", "")]
    [InlineData("SimulatedBoards", "-1")]
    [InlineData("Kinds", "usbip")]
    [InlineData("HeartbeatInterval", "00:00:00")]
    [InlineData("SimulationProfile", "slow")]
    public void BadValue_IsRejectedNamingTheSetting(string setting, string value)
    {
        var options = new WorkerOptions { Name = "worker-1", Kinds = ["pulsecount"] };
        switch (setting)
        {
            case "Name": options.Name = value; break;
            case "SimulatedBoards": options.SimulatedBoards = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Kinds": options.Kinds.Add(value); break;
            case "HeartbeatInterval": options.HeartbeatInterval = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: options.SimulationProfile = value; break;
        }

        var result = new WorkerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Worker:{setting}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void BoardOptions_Refuse1200Baud()
    {
        var result = new BoardOptionsValidator().Validate(null, new BoardOptions { BaudRate = 1200 });

        Assert.Contains("Boards:BaudRate", result.FailureMessage, StringComparison.Ordinal);
    }
}
