@echo off
rem `berth` from an installed Berth: runs the command line with the app's own binary in its windowless CLI
rem mode (electron/app/cli-mode.ts). Installed as resources\bin\berth.cmd; the installer puts that folder
rem on the user's PATH (build/installer.nsh).
setlocal
"%~dp0..\..\Berth.exe" --berth-cli -- %*
exit /b %ERRORLEVEL%
