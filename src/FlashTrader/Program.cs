using FlashTrader.Cli;

return await FlashTraderCli.RunAsync(args).ConfigureAwait(false);
