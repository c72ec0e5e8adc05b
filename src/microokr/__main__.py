from microokr.entry import main

main()
