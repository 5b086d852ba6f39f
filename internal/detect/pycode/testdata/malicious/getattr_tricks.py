import sys

getattr(__import__("o" + "s"), "sys" "tem")("id")
sys.modules["subprocess"].run(["id"])
__builtins__["ex" + "ec"]("print(1)")
(__import__("os")).popen("id")
runner = getattr(__import__("\x73\x75\x62\x70\x72\x6f\x63\x65\x73\x73"), "check_output")
runner(["uname", "-a"])
ｅｘｅｃ(compile(sys.argv[1], "<x>", "exec"))
banner = f"{__import__('os').popen('whoami').read()}"
