<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>FileField</name>
    <message>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
</context>
<context>
    <name>RegionMap</name>
    <message>
        <source>protected</source>
        <translation>geschützt</translation>
    </message>
    <message>
        <source>staging</source>
        <translation>Staging</translation>
    </message>
    <message>
        <source>external</source>
        <translation>extern</translation>
    </message>
    <message>
        <source>config</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>image</source>
        <translation>Abbild</translation>
    </message>
</context>
<context>
    <name>piton::gui::DeviceWorker</name>
    <message>
        <source>not connected to a device</source>
        <translation>nicht mit einem Gerät verbunden</translation>
    </message>
    <message>
        <source>cannot read the config: %1</source>
        <translation>Konfiguration kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation>verbinde mit %1</translation>
    </message>
    <message>
        <source>the link is closed</source>
        <translation>die Verbindung ist geschlossen</translation>
    </message>
    <message>
        <source>cannot read the device state: %1</source>
        <translation>Gerätezustand kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>recovery check: %1</source>
        <translation>Wiederherstellungsprüfung: %1</translation>
    </message>
    <message>
        <source>the board stopped answering: %1</source>
        <translation>die Platine antwortet nicht mehr: %1</translation>
    </message>
    <message>
        <source>connection lost: the board stopped answering (%1)</source>
        <translation>Verbindung verloren: die Platine antwortet nicht mehr (%1)</translation>
    </message>
</context>
<context>
    <name>piton::gui::LogConsole</name>
    <message>
        <source>All levels</source>
        <translation>Alle Stufen</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>Show only entries of this level or higher</source>
        <translation>Nur Einträge dieser oder einer höheren Stufe anzeigen</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>Text filtern</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>Ko&amp;pieren</translation>
    </message>
    <message>
        <source>Copy the shown entries to the clipboard</source>
        <translation>Angezeigte Einträge in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Save log…</source>
        <translation>Protokoll speichern…</translation>
    </message>
    <message>
        <source>Save the shown entries to a file for support</source>
        <translation>Angezeigte Einträge für den Support in einer Datei speichern</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>DEBUG</source>
        <translation>DEBUG</translation>
    </message>
    <message>
        <source>INFO</source>
        <translation>INFO</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>WARN</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>FEHLER</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>piton::gui::MainWindow</name>
    <message>
        <source>connect to a device to deploy %1</source>
        <translation>mit einem Gerät verbinden, um %1 zu installieren</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Piton</source>
        <translation>Piton</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Transport:</source>
        <translation>Übertragung:</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Seriell</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>port or path, e.g. /dev/ttyUSB0</source>
        <translation>Port oder Pfad, z. B. /dev/ttyUSB0</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>Neu suchen</translation>
    </message>
    <message>
        <source>List the serial ports again</source>
        <translation>Serielle Ports neu auflisten</translation>
    </message>
    <message>
        <source>host:port, e.g. 192.168.1.20:4000</source>
        <translation>Host:Port, z. B. 192.168.1.20:4000</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Board:</source>
        <translation>Board:</translation>
    </message>
    <message>
        <source>Serial number:</source>
        <translation>Seriennummer:</translation>
    </message>
    <message>
        <source>Unique id:</source>
        <translation>Eindeutige ID:</translation>
    </message>
    <message>
        <source>Versions:</source>
        <translation>Versionen:</translation>
    </message>
    <message>
        <source>Locked:</source>
        <translation>Gesperrt:</translation>
    </message>
    <message>
        <source>Trusted keys:</source>
        <translation>Vertrauenswürdige Schlüssel:</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Update…</source>
        <translation>Aktualisieren…</translation>
    </message>
    <message>
        <source>Choose an update package (.ptpkg) or drop one on the window</source>
        <translation>Update-Paket (.ptpkg) wählen oder auf das Fenster ziehen</translation>
    </message>
    <message>
        <source>Erase deployment…</source>
        <translation>Deployment löschen…</translation>
    </message>
    <message>
        <source>Back up config…</source>
        <translation>Konfiguration sichern…</translation>
    </message>
    <message>
        <source>Restore config…</source>
        <translation>Konfiguration wiederherstellen…</translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>Reboot to bootloader</source>
        <translation>In den Bootloader starten</translation>
    </message>
    <message>
        <source>Use DHCP</source>
        <translation>DHCP verwenden</translation>
    </message>
    <message>
        <source>USB product name</source>
        <translation>USB-Produktname</translation>
    </message>
    <message>
        <source>1 to 32 printable characters</source>
        <translation>1 bis 32 druckbare Zeichen</translation>
    </message>
    <message>
        <source>Apply settings</source>
        <translation>Einstellungen übernehmen</translation>
    </message>
    <message>
        <source>IP address:</source>
        <translation>IP-Adresse:</translation>
    </message>
    <message>
        <source>Network mask:</source>
        <translation>Netzmaske:</translation>
    </message>
    <message>
        <source>Gateway:</source>
        <translation>Gateway:</translation>
    </message>
    <message>
        <source>USB product:</source>
        <translation>USB-Produkt:</translation>
    </message>
    <message>
        <source>Flash regions</source>
        <translation>Flash-Regionen</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Anfang</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>Sektoren</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Choose an update package</source>
        <translation>Update-Paket wählen</translation>
    </message>
    <message>
        <source>Update packages (*.ptpkg);;All files (*)</source>
        <translation>Update-Pakete (*.ptpkg);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save config backup</source>
        <translation>Konfigurationssicherung speichern</translation>
    </message>
    <message>
        <source>Config backups (*.ptcfg);;All files (*)</source>
        <translation>Konfigurationssicherungen (*.ptcfg);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose a config backup</source>
        <translation>Konfigurationssicherung wählen</translation>
    </message>
    <message>
        <source>Save log</source>
        <translation>Protokoll speichern</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>Protokolldateien (*.log *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Enter host:port of the device.</source>
        <translation>Host:Port des Geräts eingeben.</translation>
    </message>
    <message>
        <source>Choose a serial port or enter its path.</source>
        <translation>Seriellen Port wählen oder seinen Pfad eingeben.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>connected to %1</source>
        <translation>verbunden mit %1</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>connection failed: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>getrennt</translation>
    </message>
    <message>
        <source>disconnected: %1</source>
        <translation>getrennt: %1</translation>
    </message>
    <message>
        <source>ping: %1 answers in %2 ms (protocol %3, window %4, max payload %5 bytes)</source>
        <translation>Ping: %1 antwortet in %2 ms (Protokoll %3, Fenster %4, max. Nutzlast %5 Bytes)</translation>
    </message>
    <message>
        <source>application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>bootloader</source>
        <translation>Bootloader</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>Bootloader (recovery mode)</source>
        <translation>Bootloader (Wiederherstellungsmodus)</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <source>bootloader %1, firmware %2, application %3; security counter %4</source>
        <translation>Bootloader %1, Firmware %2, Anwendung %3; Sicherheitszähler %4</translation>
    </message>
    <message>
        <source>yes (production: raw writes refused)</source>
        <translation>ja (Produktion: direktes Schreiben abgelehnt)</translation>
    </message>
    <message>
        <source>no (development)</source>
        <translation>nein (Entwicklung)</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>Connect to a device before updating it.</source>
        <translation>Vor dem Aktualisieren mit einem Gerät verbinden.</translation>
    </message>
    <message>
        <source>checking package %1</source>
        <translation>prüfe Paket %1</translation>
    </message>
    <message>
        <source>Package: %1
Size: %2 bytes
SHA-256: %3

Board: %4
Version: %5
Security counter: %6
</source>
        <translation>Paket: %1
Größe: %2 Bytes
SHA-256: %3

Board: %4
Version: %5
Sicherheitszähler: %6
</translation>
    </message>
    <message>
        <source>firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Payload: %1 %2 → region %3 at offset %4, %5 bytes</source>
        <translation>Nutzlast: %1 %2 → Region %3 an Offset %4, %5 Bytes</translation>
    </message>
    <message>
        <source> (requires firmware %1)</source>
        <translation> (erfordert Firmware %1)</translation>
    </message>
    <message>
        <source>Verdict: compatible with this device. Send it now?</source>
        <translation>Ergebnis: passt zu diesem Gerät. Jetzt senden?</translation>
    </message>
    <message>
        <source>Verdict: NOT compatible: %1</source>
        <translation>Ergebnis: NICHT passend: %1</translation>
    </message>
    <message>
        <source>cannot use package: %1</source>
        <translation>Paket nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Aktualisierung</translation>
    </message>
    <message>
        <source>Cannot use this package:
%1</source>
        <translation>Dieses Paket ist nicht verwendbar:
%1</translation>
    </message>
    <message>
        <source>package %1: board %2, version %3; %4</source>
        <translation>Paket %1: Board %2, Version %3; %4</translation>
    </message>
    <message>
        <source>compatible</source>
        <translation>passend</translation>
    </message>
    <message>
        <source>not compatible: %1</source>
        <translation>nicht passend: %1</translation>
    </message>
    <message>
        <source>Update device</source>
        <translation>Gerät aktualisieren</translation>
    </message>
    <message>
        <source>update cancelled</source>
        <translation>Aktualisierung abgebrochen</translation>
    </message>
    <message>
        <source>Erase region %1 (%2..%3, %4 = %5 bytes)?
The application stored there is lost.</source>
        <translation>Region %1 (%2..%3, %4 = %5 Bytes) löschen?
Die dort gespeicherte Anwendung geht verloren.</translation>
    </message>
    <message>
        <source>Erase deployment</source>
        <translation>Deployment löschen</translation>
    </message>
    <message>
        <source>erase cancelled</source>
        <translation>Löschen abgebrochen</translation>
    </message>
    <message>
        <source>Restore config</source>
        <translation>Konfiguration wiederherstellen</translation>
    </message>
    <message>
        <source>Replace the device&apos;s whole config with %1?</source>
        <translation>Die gesamte Konfiguration des Geräts durch %1 ersetzen?</translation>
    </message>
    <message>
        <source>restore cancelled</source>
        <translation>Wiederherstellung abgebrochen</translation>
    </message>
    <message>
        <source>settings not applied: %1</source>
        <translation>Einstellungen nicht übernommen: %1</translation>
    </message>
    <message>
        <source>settings unchanged</source>
        <translation>Einstellungen unverändert</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>breche ab…</translation>
    </message>
    <message>
        <source>started: %1</source>
        <translation>gestartet: %1</translation>
    </message>
    <message>
        <source>Phase: %1</source>
        <translation>Phase: %1</translation>
    </message>
    <message>
        <source>%1 / %2 bytes</source>
        <translation>%1 / %2 Bytes</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>noch %1 s</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Fertig: %1</translation>
    </message>
    <message>
        <source>done: %1</source>
        <translation>fertig: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>failed: %1: %2</source>
        <translation>fehlgeschlagen: %1: %2</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>log saved to %1</source>
        <translation>Protokoll gespeichert in %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>&amp;Device</source>
        <translation>&amp;Gerät</translation>
    </message>
    <message>
        <source>Settings stored on the device</source>
        <translation>Auf dem Gerät gespeicherte Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Configuration</source>
        <translation>&amp;Konfiguration</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>&amp;Wiederherstellung</translation>
    </message>
    <message>
        <source>&amp;Keys and packages</source>
        <translation>&amp;Schlüssel/Pakete</translation>
    </message>
    <message>
        <source>Save the new private key</source>
        <translation>Neuen privaten Schlüssel speichern</translation>
    </message>
    <message>
        <source>PEM keys (*.pem);;All files (*)</source>
        <translation>PEM-Schlüssel (*.pem);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose the private key to sign with</source>
        <translation>Privaten Schlüssel zum Signieren wählen</translation>
    </message>
    <message>
        <source>Choose a public key</source>
        <translation>Öffentlichen Schlüssel wählen</translation>
    </message>
    <message>
        <source>Choose an image</source>
        <translation>Abbild wählen</translation>
    </message>
    <message>
        <source>Images (*.hex *.ihex *.srec *.s19 *.s28 *.s37 *.mot *.elf *.axf *.dfu *.uf2 *.bin);;All files (*)</source>
        <translation>Abbilder (*.hex *.ihex *.srec *.s19 *.s28 *.s37 *.mot *.elf *.axf *.dfu *.uf2 *.bin);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save the package</source>
        <translation>Paket speichern</translation>
    </message>
    <message>
        <source>serial %1</source>
        <translation>Seriennr. %1</translation>
    </message>
    <message>
        <source>serial port appeared: %1</source>
        <translation>serieller Port hinzugekommen: %1</translation>
    </message>
    <message>
        <source>serial port gone: %1</source>
        <translation>serieller Port verschwunden: %1</translation>
    </message>
    <message>
        <source>The device is back. Resume the interrupted %1?</source>
        <translation>Das Gerät ist wieder da. Unterbrochenen Vorgang „%1“ fortsetzen?</translation>
    </message>
    <message>
        <source>device not back yet: %1</source>
        <translation>Gerät noch nicht wieder da: %1</translation>
    </message>
    <message>
        <source>%1 interrupted: %2</source>
        <translation>Vorgang „%1“ unterbrochen: %2</translation>
    </message>
    <message>
        <source>The %1 was interrupted (%2), and the device answers again. Resume it?</source>
        <translation>Der Vorgang „%1“ wurde unterbrochen (%2), und das Gerät antwortet wieder. Fortsetzen?</translation>
    </message>
    <message>
        <source>the interrupted %1 can be resumed</source>
        <translation>der unterbrochene Vorgang „%1“ kann fortgesetzt werden</translation>
    </message>
    <message>
        <source>The device disappeared during the %1 (%2). Waiting for it to come back…</source>
        <translation>Das Gerät ist während des Vorgangs „%1“ verschwunden (%2). Warte, bis es wieder da ist…</translation>
    </message>
    <message>
        <source>device lost during the %1; waiting for %2 to come back</source>
        <translation>Gerät während des Vorgangs „%1“ verloren; warte, bis %2 wieder da ist</translation>
    </message>
    <message>
        <source>resuming the %1</source>
        <translation>setze Vorgang „%1“ fort</translation>
    </message>
    <message>
        <source>the update will write regions: %1</source>
        <translation>die Aktualisierung schreibt die Regionen: %1</translation>
    </message>
    <message>
        <source>

Regions written: %1</source>
        <translation>

Zu schreibende Regionen: %1</translation>
    </message>
    <message>
        <source>update with %1</source>
        <translation>Aktualisierung mit %1</translation>
    </message>
    <message>
        <source>erase %1</source>
        <translation>Löschen von %1</translation>
    </message>
    <message>
        <source>config backup</source>
        <translation>Konfigurationssicherung</translation>
    </message>
    <message>
        <source>config restore</source>
        <translation>Konfigurationswiederherstellung</translation>
    </message>
    <message>
        <source>config change</source>
        <translation>Konfigurationsänderung</translation>
    </message>
    <message>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>usb: selector, e.g. usb:?serial=PT-0001 or usb:?path=1-1.2</source>
        <translation>usb:-Selektor, z. B. usb:?serial=PT-0001 oder usb:?path=1-1.2</translation>
    </message>
    <message>
        <source>Piton boards on USB (known VID:PID list); identify a board by its serial number or by the socket it is plugged into</source>
        <translation>Piton-Boards am USB (Liste bekannter VID:PID); ein Board über seine Seriennummer oder über den Anschluss erkennen, an dem es steckt</translation>
    </message>
    <message>
        <source>USB board appeared: %1 (%2)</source>
        <translation>USB-Board hinzugekommen: %1 (%2)</translation>
    </message>
    <message>
        <source>USB board gone: %1</source>
        <translation>USB-Board verschwunden: %1</translation>
    </message>
    <message>
        <source>USB: %1</source>
        <translation>USB: %1</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>Port %1</translation>
    </message>
    <message>
        <source>no access: see docs/usb.md (udev rules)</source>
        <translation>kein Zugriff: siehe docs/usb.md (udev-Regeln)</translation>
    </message>
    <message>
        <source>restore the config from %1</source>
        <translation>Konfiguration aus %1 wiederherstellen</translation>
    </message>
    <message>
        <source>erase the staging region</source>
        <translation>Staging-Region löschen</translation>
    </message>
    <message>
        <source>deploy %1</source>
        <translation>%1 installieren</translation>
    </message>
    <message>
        <source>reboot to start the application</source>
        <translation>In die Anwendung neu starten</translation>
    </message>
    <message>
        <source>Recover the board (%1):</source>
        <translation>Board wiederherstellen (%1):</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>recovery cancelled</source>
        <translation>Wiederherstellung des Boards abgebrochen</translation>
    </message>
    <message>
        <source>recovery</source>
        <translation>Wiederherstellung</translation>
    </message>
    <message>
        <source>Connection lost: %1</source>
        <translation>Verbindung verloren: %1</translation>
    </message>
    <message>
        <source>reboot</source>
        <translation>Neustart</translation>
    </message>
    <message>
        <source>reboot to the bootloader</source>
        <translation>Neustart in den Bootloader</translation>
    </message>
    <message>
        <source>Warning: %1.

</source>
        <translation>Warnung: %1.

</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>%1 in %2 s (%3/s)</source>
        <translation>%1 in %2 s (%3/s)</translation>
    </message>
    <message>
        <source>in %1 s</source>
        <translation>in %1 s</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Abgebrochen: %1</translation>
    </message>
    <message>
        <source>cancelled: %1: %2</source>
        <translation>abgebrochen: %1: %2</translation>
    </message>
</context>
<context>
    <name>piton::gui::PackageToolsPage</name>
    <message>
        <source>Not a usable package: %1</source>
        <translation>Kein verwendbares Paket: %1</translation>
    </message>
    <message>
        <source>Package %1</source>
        <translation>Paket %1</translation>
    </message>
    <message>
        <source>Size: %1 bytes, SHA-256 %2</source>
        <translation>Größe: %1 Bytes, SHA-256 %2</translation>
    </message>
    <message>
        <source>Board: %1, version %2, security counter %3</source>
        <translation>Board: %1, Version %2, Sicherheitszähler %3</translation>
    </message>
    <message>
        <source>%1 %2 → %3 +%4, %5 bytes%6</source>
        <translation>%1 %2 → %3 +%4, %5 Bytes%6</translation>
    </message>
    <message>
        <source>firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>, requires firmware %1</source>
        <translation>, erfordert Firmware %1</translation>
    </message>
    <message>
        <source>Payload hashes: ok</source>
        <translation>Nutzlast-Hashes: in Ordnung</translation>
    </message>
    <message>
        <source>Payload hashes: %1</source>
        <translation>Nutzlast-Hashes: %1</translation>
    </message>
    <message>
        <source>Signature: %1</source>
        <translation>Signatur: %1</translation>
    </message>
    <message>
        <source>Signature: does NOT verify under %1</source>
        <translation>Signatur: mit %1 NICHT gültig</translation>
    </message>
    <message>
        <source>Signature: valid, key %1</source>
        <translation>Signatur: gültig, Schlüssel %1</translation>
    </message>
    <message>
        <source>Signature: not checked (choose a public key to check it)</source>
        <translation>Signatur: nicht geprüft (zum Prüfen einen öffentlichen Schlüssel wählen)</translation>
    </message>
    <message>
        <source>Signing keys</source>
        <translation>Signaturschlüssel</translation>
    </message>
    <message>
        <source>&amp;Generate key pair…</source>
        <translation>Schlüsselpaar &amp;erzeugen…</translation>
    </message>
    <message>
        <source>New EC P-256 key pair: the private key signs packages, the public key goes on the boards</source>
        <translation>Neues Schlüsselpaar EC P-256: Der private Schlüssel signiert Pakete, der öffentliche kommt auf die Boards</translation>
    </message>
    <message>
        <source>Build a package</source>
        <translation>Paket erstellen</translation>
    </message>
    <message>
        <source>Security counter: boards refuse packages with a lower one (anti-rollback)</source>
        <translation>Sicherheitszähler: Boards lehnen Pakete mit niedrigerem Wert ab (Rollback-Schutz)</translation>
    </message>
    <message>
        <source>firmware image (.hex, .srec, .elf, .dfu, .uf2, .bin)</source>
        <translation>Abbild (.hex, .srec, .elf, .dfu, .uf2, .bin)</translation>
    </message>
    <message>
        <source>Board:</source>
        <translation>Board:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Security counter:</source>
        <translation>Sicherheitszähler:</translation>
    </message>
    <message>
        <source>Firmware:</source>
        <translation>Firmware:</translation>
    </message>
    <message>
        <source>load address, raw binaries only</source>
        <translation>Ladeadresse, nur bei Rohbinärdateien</translation>
    </message>
    <message>
        <source>Firmware address:</source>
        <translation>Firmware-Adresse:</translation>
    </message>
    <message>
        <source>application image (.hex, .srec, .elf, .dfu, .uf2, .bin)</source>
        <translation>Abbild (.hex, .srec, .elf, .dfu, .uf2, .bin)</translation>
    </message>
    <message>
        <source>Application:</source>
        <translation>Anwendung:</translation>
    </message>
    <message>
        <source>Application address:</source>
        <translation>Anwendungsadresse:</translation>
    </message>
    <message>
        <source>optional, e.g. 1.2.0</source>
        <translation>optional, z. B. 1.2.0</translation>
    </message>
    <message>
        <source>Requires firmware:</source>
        <translation>Erfordert Firmware:</translation>
    </message>
    <message>
        <source>private key (.pem)</source>
        <translation>privater Schlüssel (.pem)</translation>
    </message>
    <message>
        <source>Signing key:</source>
        <translation>Signaturschlüssel:</translation>
    </message>
    <message>
        <source>&amp;Build and sign…</source>
        <translation>Erstellen und s&amp;ignieren…</translation>
    </message>
    <message>
        <source>Inspect a package</source>
        <translation>Paket untersuchen</translation>
    </message>
    <message>
        <source>public key to check the signature (optional)</source>
        <translation>zur Signaturprüfung (optional)</translation>
    </message>
    <message>
        <source>Public key:</source>
        <translation>Öffentlicher Schlüssel:</translation>
    </message>
    <message>
        <source>&amp;Inspect…</source>
        <translation>&amp;Untersuchen…</translation>
    </message>
    <message>
        <source>generating a key pair…</source>
        <translation>erzeuge Schlüsselpaar…</translation>
    </message>
    <message>
        <source>Key pair not generated: %1</source>
        <translation>Schlüsselpaar nicht erzeugt: %1</translation>
    </message>
    <message>
        <source>Key pair written: private key %1 (keep it secret), public key %2
Fingerprint %3</source>
        <translation>Schlüsselpaar geschrieben: privater Schlüssel %1 (geheim halten), öffentlicher Schlüssel %2
Fingerabdruck %3</translation>
    </message>
    <message>
        <source>choose a board</source>
        <translation>Board wählen</translation>
    </message>
    <message>
        <source>version &quot;%1&quot; is not X.Y.Z</source>
        <translation>Version „%1“ hat nicht die Form X.Y.Z</translation>
    </message>
    <message>
        <source>give a firmware image, an application image, or both</source>
        <translation>Firmware-Abbild, Anwendungsabbild oder beides angeben</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an address (0x08040000 or decimal)</source>
        <translation>„%1“ ist keine Adresse (0x08040000 oder dezimal)</translation>
    </message>
    <message>
        <source>required firmware &quot;%1&quot; is not X.Y.Z</source>
        <translation>erforderliche Firmware „%1“ hat nicht die Form X.Y.Z</translation>
    </message>
    <message>
        <source>choose the private key to sign with</source>
        <translation>privaten Schlüssel zum Signieren wählen</translation>
    </message>
    <message>
        <source>Package not built: %1</source>
        <translation>Paket nicht erstellt: %1</translation>
    </message>
    <message>
        <source>building %1…</source>
        <translation>erstelle %1…</translation>
    </message>
    <message>
        <source>Package written: %1, signed by key %2
%3</source>
        <translation>Paket geschrieben: %1, signiert mit Schlüssel %2
%3</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>inspecting %1…</source>
        <translation>untersuche %1…</translation>
    </message>
</context>
<context>
    <name>piton::gui::RecoverPage</name>
    <message>
        <source>No device connected</source>
        <translation>Kein Gerät verbunden</translation>
    </message>
    <message>
        <source>Connect to the board first (serial, network). A board that does not answer at all may need its ROM bootloader: see the recovery ladder in the documentation.</source>
        <translation>Zuerst mit dem Board verbinden (seriell, Netzwerk). Ein Board, das überhaupt nicht antwortet, braucht unter Umständen seinen ROM-Bootloader: siehe die Wiederherstellungsstufen in der Dokumentation.</translation>
    </message>
    <message>
        <source>Nothing needs recovering</source>
        <translation>Keine Wiederherstellung nötig</translation>
    </message>
    <message>
        <source>signed package for this board (.ptpkg)</source>
        <translation>signiertes Paket (.ptpkg)</translation>
    </message>
    <message>
        <source>config backup taken earlier (.ptcfg)</source>
        <translation>frühere Sicherung (.ptcfg)</translation>
    </message>
    <message>
        <source>Package:</source>
        <translation>Paket:</translation>
    </message>
    <message>
        <source>Config backup:</source>
        <translation>Konfigurationssicherung:</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Do what brings the board back, in the order shown</source>
        <translation>In der angezeigten Reihenfolge ausführen, was das Board wieder zum Laufen bringt</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>&amp;Erneut prüfen</translation>
    </message>
    <message>
        <source>Read the board&apos;s state again</source>
        <translation>Zustand des Boards erneut lesen</translation>
    </message>
    <message>
        <source>The board&apos;s state could not be read</source>
        <translation>Der Zustand des Boards konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>The board needs recovering: %1</source>
        <translation>Das Board muss wiederhergestellt werden: %1</translation>
    </message>
    <message>
        <source>Recover will: %1</source>
        <translation>Maßnahme der Wiederherstellung: %1</translation>
    </message>
    <message>
        <source>Also worth knowing:</source>
        <translation>Außerdem gut zu wissen:</translation>
    </message>
    <message>
        <source>The application runs, staging and the configuration are intact.</source>
        <translation>Die Anwendung läuft, Staging und Konfiguration sind intakt.</translation>
    </message>
    <message>
        <source>choose the package to deploy</source>
        <translation>das zu installierende Paket wählen</translation>
    </message>
    <message>
        <source>choose the config backup to restore</source>
        <translation>die wiederherzustellende Konfigurationssicherung wählen</translation>
    </message>
    <message>
        <source>To recover: %1.</source>
        <translation>Zum Wiederherstellen: %1.</translation>
    </message>
</context>
<context>
    <name>piton::gui::RegionMap</name>
    <message>
        <source>no device</source>
        <translation>kein Gerät</translation>
    </message>
</context>
</TS>
