from microokr.cli import main

main()
