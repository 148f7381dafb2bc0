; Berth's additions to electron-builder's NSIS installer (nsis.include in electron-builder.yml): the folder
; of the `berth` launcher (resources\bin\berth.cmd) goes on the user's PATH at install and comes off at
; uninstall. The installer is per user, so the user's PATH (HKCU\Environment), never the machine's.
; PowerShell edits the value unexpanded (DoNotExpandEnvironmentNames), so other entries keep their
; %VARIABLES%; then every window is told the environment changed (new terminals see the command).

; The folder reaches PowerShell through the environment (nsExec's child inherits the installer's), never
; inside the command's text: a per-user install folder carries the user's name, and one with a ' in it
; (C:\Users\O'Brien\AppData\Local\Programs\Berth) would end a quoted PowerShell string there.
!macro berthExportBinDir
  System::Call 'Kernel32::SetEnvironmentVariable(t "BERTH_BIN_DIR", t "$INSTDIR\resources\bin")'
!macroend

!macro berthBroadcastEnvironment
  SendMessage 0xFFFF 0x001A 0 "STR:Environment" /TIMEOUT=5000
!macroend

!macro customInstall
  !insertmacro berthExportBinDir
  nsExec::Exec `powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "$$dir = $$env:BERTH_BIN_DIR; $$key = Get-Item 'HKCU:\Environment'; $$path = $$key.GetValue('Path', '', 'DoNotExpandEnvironmentNames'); $$entries = @($$path -split ';' | Where-Object { $$_ -and $$_ -ne $$dir }) + $$dir; Set-ItemProperty -Path 'HKCU:\Environment' -Name Path -Value ($$entries -join ';') -Type ExpandString"`
  !insertmacro berthBroadcastEnvironment
!macroend

!macro customUnInstall
  !insertmacro berthExportBinDir
  nsExec::Exec `powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "$$dir = $$env:BERTH_BIN_DIR; $$key = Get-Item 'HKCU:\Environment'; $$path = $$key.GetValue('Path', '', 'DoNotExpandEnvironmentNames'); $$entries = @($$path -split ';' | Where-Object { $$_ -and $$_ -ne $$dir }); Set-ItemProperty -Path 'HKCU:\Environment' -Name Path -Value ($$entries -join ';') -Type ExpandString"`
  !insertmacro berthBroadcastEnvironment
!macroend
