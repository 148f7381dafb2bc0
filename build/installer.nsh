; Berth's additions to electron-builder's NSIS installer (nsis.include in electron-builder.yml): the folder
; of the `berth` launcher (resources\bin\berth.cmd) goes on the user's PATH at install and comes off at
; uninstall. The installer is per user, so the user's PATH (HKCU\Environment), never the machine's.
; PowerShell edits the value unexpanded (DoNotExpandEnvironmentNames), so other entries keep their
; %VARIABLES%; then every window is told the environment changed (new terminals see the command).

!macro berthBroadcastEnvironment
  SendMessage 0xFFFF 0x001A 0 "STR:Environment" /TIMEOUT=5000
!macroend

!macro customInstall
  nsExec::Exec `powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "$$dir = '$INSTDIR\resources\bin'; $$key = Get-Item 'HKCU:\Environment'; $$path = $$key.GetValue('Path', '', 'DoNotExpandEnvironmentNames'); $$entries = @($$path -split ';' | Where-Object { $$_ -and $$_ -ne $$dir }) + $$dir; Set-ItemProperty -Path 'HKCU:\Environment' -Name Path -Value ($$entries -join ';') -Type ExpandString"`
  !insertmacro berthBroadcastEnvironment
!macroend

!macro customUnInstall
  nsExec::Exec `powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "$$dir = '$INSTDIR\resources\bin'; $$key = Get-Item 'HKCU:\Environment'; $$path = $$key.GetValue('Path', '', 'DoNotExpandEnvironmentNames'); $$entries = @($$path -split ';' | Where-Object { $$_ -and $$_ -ne $$dir }); Set-ItemProperty -Path 'HKCU:\Environment' -Name Path -Value ($$entries -join ';') -Type ExpandString"`
  !insertmacro berthBroadcastEnvironment
!macroend
