return Vireo.Cli.CliApp.Run(args, Console.Out, Console.Error);
