<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>RegionMap</name>
    <message>
        <location filename="../app/gui/region_map.cpp" line="33" />
        <source>protected</source>
        <translation>geschützt</translation>
    </message>
    <message>
        <location filename="../app/gui/region_map.cpp" line="35" />
        <source>staging</source>
        <translation>Staging</translation>
    </message>
    <message>
        <location filename="../app/gui/region_map.cpp" line="37" />
        <source>external</source>
        <translation>extern</translation>
    </message>
    <message>
        <location filename="../app/gui/region_map.cpp" line="39" />
        <source>config</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <location filename="../app/gui/region_map.cpp" line="41" />
        <source>image</source>
        <translation>Abbild</translation>
    </message>
</context>
<context>
    <name>piton::gui::DeviceWorker</name>
    <message>
        <location filename="../app/gui/device_worker.cpp" line="52" />
        <location filename="../app/gui/device_worker.cpp" line="245" />
        <source>not connected to a device</source>
        <translation>nicht mit einem Gerät verbunden</translation>
    </message>
    <message>
        <location filename="../app/gui/device_worker.cpp" line="84" />
        <source>cannot read the config: %1</source>
        <translation>Konfiguration kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/device_worker.cpp" line="100" />
        <source>connecting to %1</source>
        <translation>verbinde mit %1</translation>
    </message>
    <message>
        <location filename="../app/gui/device_worker.cpp" line="164" />
        <source>the link is closed</source>
        <translation>die Verbindung ist geschlossen</translation>
    </message>
    <message>
        <location filename="../app/gui/device_worker.cpp" line="169" />
        <source>cannot read the device state: %1</source>
        <translation>Gerätezustand kann nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>piton::gui::MainWindow</name>
    <message>
        <location filename="../app/gui/main.cpp" line="129" />
        <source>connect to a device to deploy %1</source>
        <translation>mit einem Gerät verbinden, um %1 zu installieren</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="46" />
        <location filename="../app/gui/main_window.cpp" line="582" />
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="55" />
        <source>Piton</source>
        <translation>Piton</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="100" />
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="102" />
        <source>Transport:</source>
        <translation>Übertragung:</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="105" />
        <source>Serial</source>
        <translation>Seriell</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="106" />
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="115" />
        <source>port or path, e.g. /dev/ttyUSB0</source>
        <translation>Port oder Pfad, z. B. /dev/ttyUSB0</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="116" />
        <source>Rescan</source>
        <translation>Neu suchen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="117" />
        <source>List the serial ports again</source>
        <translation>Serielle Ports neu auflisten</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="124" />
        <source>host:port, e.g. 192.168.1.20:4000</source>
        <translation>Host:Port, z. B. 192.168.1.20:4000</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="127" />
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="130" />
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="132" />
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="150" />
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="178" />
        <source>Board:</source>
        <translation>Board:</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="179" />
        <location filename="../app/gui/main_window.cpp" line="233" />
        <source>Serial number:</source>
        <translation>Seriennummer:</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="180" />
        <source>Unique id:</source>
        <translation>Eindeutige ID:</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="181" />
        <source>Versions:</source>
        <translation>Versionen:</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="182" />
        <source>Locked:</source>
        <translation>Gesperrt:</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="183" />
        <source>Trusted keys:</source>
        <translation>Vertrauenswürdige Schlüssel:</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="186" />
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="193" />
        <source>Update…</source>
        <translation>Aktualisieren…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="194" />
        <source>Choose an update package (.ptpkg) or drop one on the window</source>
        <translation>Update-Paket (.ptpkg) wählen oder auf das Fenster ziehen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="195" />
        <source>Erase deployment…</source>
        <translation>Deployment löschen…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="196" />
        <source>Back up config…</source>
        <translation>Konfiguration sichern…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="197" />
        <source>Restore config…</source>
        <translation>Konfiguration wiederherstellen…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="198" />
        <source>Reboot</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="199" />
        <source>Reboot to bootloader</source>
        <translation>In den Bootloader starten</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="208" />
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="216" />
        <source>Use DHCP</source>
        <translation>DHCP verwenden</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="221" />
        <source>USB product name</source>
        <translation>USB-Produktname</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="222" />
        <source>1 to 32 printable characters</source>
        <translation>1 bis 32 druckbare Zeichen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="227" />
        <source>Apply settings</source>
        <translation>Einstellungen übernehmen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="229" />
        <source>IP address:</source>
        <translation>IP-Adresse:</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="230" />
        <source>Network mask:</source>
        <translation>Netzmaske:</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="231" />
        <source>Gateway:</source>
        <translation>Gateway:</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="232" />
        <source>USB product:</source>
        <translation>USB-Produkt:</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="244" />
        <source>Flash regions</source>
        <translation>Flash-Regionen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="250" />
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="250" />
        <source>Start</source>
        <translation>Anfang</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="250" />
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="250" />
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="250" />
        <source>Sectors</source>
        <translation>Sektoren</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="250" />
        <source>Flags</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="260" />
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="262" />
        <source>idle</source>
        <translation>bereit</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="274" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="283" />
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="290" />
        <source>Save log…</source>
        <translation>Protokoll speichern…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="302" />
        <location filename="../app/gui/main_window.cpp" line="523" />
        <location filename="../app/gui/main_window.cpp" line="540" />
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="415" />
        <source>Choose an update package</source>
        <translation>Update-Paket wählen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="416" />
        <source>Update packages (*.ptpkg);;All files (*)</source>
        <translation>Update-Pakete (*.ptpkg);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="418" />
        <source>Save config backup</source>
        <translation>Konfigurationssicherung speichern</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="419" />
        <location filename="../app/gui/main_window.cpp" line="422" />
        <source>Config backups (*.ptcfg);;All files (*)</source>
        <translation>Konfigurationssicherungen (*.ptcfg);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="421" />
        <source>Choose a config backup</source>
        <translation>Konfigurationssicherung wählen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="424" />
        <source>Save log</source>
        <translation>Protokoll speichern</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="425" />
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>Protokolldateien (*.log *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="472" />
        <source>Enter host:port of the device.</source>
        <translation>Host:Port des Geräts eingeben.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="473" />
        <source>Choose a serial port or enter its path.</source>
        <translation>Seriellen Port wählen oder seinen Pfad eingeben.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="480" />
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="502" />
        <source>connected to %1</source>
        <translation>verbunden mit %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="503" />
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="512" />
        <source>connection failed: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="513" />
        <source>Connection failed: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="522" />
        <source>disconnected</source>
        <translation>getrennt</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="522" />
        <source>disconnected: %1</source>
        <translation>getrennt: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="530" />
        <source>ping: %1 answers in %2 ms (protocol %3, window %4, max payload %5 bytes)</source>
        <translation>Ping: %1 antwortet in %2 ms (Protokoll %3, Fenster %4, max. Nutzlast %5 Bytes)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="531" />
        <location filename="../app/gui/main_window.cpp" line="651" />
        <source>application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="531" />
        <source>bootloader</source>
        <translation>Bootloader</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="565" />
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="568" />
        <source>Bootloader (recovery mode)</source>
        <translation>Bootloader (Wiederherstellungsmodus)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="572" />
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="574" />
        <source>bootloader %1, firmware %2, application %3; security counter %4</source>
        <translation>Bootloader %1, Firmware %2, Anwendung %3; Sicherheitszähler %4</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="578" />
        <source>yes (production: raw writes refused)</source>
        <translation>ja (Produktion: direktes Schreiben abgelehnt)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="578" />
        <source>no (development)</source>
        <translation>nein (Entwicklung)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="599" />
        <location filename="../app/gui/main_window.cpp" line="821" />
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="633" />
        <source>Connect to a device before updating it.</source>
        <translation>Vor dem Aktualisieren mit einem Gerät verbinden.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="637" />
        <source>checking package %1</source>
        <translation>prüfe Paket %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="646" />
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
        <location filename="../app/gui/main_window.cpp" line="651" />
        <source>firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="652" />
        <source>Payload: %1 %2 → region %3 at offset %4, %5 bytes</source>
        <translation>Nutzlast: %1 %2 → Region %3 an Offset %4, %5 Bytes</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="655" />
        <source> (requires firmware %1)</source>
        <translation> (erfordert Firmware %1)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="659" />
        <source>Verdict: compatible with this device. Send it now?</source>
        <translation>Ergebnis: passt zu diesem Gerät. Jetzt senden?</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="660" />
        <source>Verdict: NOT compatible: %1</source>
        <translation>Ergebnis: NICHT passend: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="673" />
        <source>cannot use package: %1</source>
        <translation>Paket nicht verwendbar: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="674" />
        <location filename="../app/gui/main_window.cpp" line="682" />
        <source>Update</source>
        <translation>Aktualisierung</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="674" />
        <source>Cannot use this package:
%1</source>
        <translation>Dieses Paket ist nicht verwendbar:
%1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="677" />
        <source>package %1: board %2, version %3; %4</source>
        <translation>Paket %1: Board %2, Version %3; %4</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="679" />
        <source>compatible</source>
        <translation>passend</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="679" />
        <source>not compatible: %1</source>
        <translation>nicht passend: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="685" />
        <source>Update device</source>
        <translation>Gerät aktualisieren</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="686" />
        <source>update cancelled</source>
        <translation>Aktualisierung abgebrochen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="702" />
        <source>Erase region %1 (%2..%3, %4 = %5 bytes)?
The application stored there is lost.</source>
        <translation>Region %1 (%2..%3, %4 = %5 Bytes) löschen?
Die dort gespeicherte Anwendung geht verloren.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="705" />
        <source>Erase deployment</source>
        <translation>Deployment löschen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="706" />
        <source>erase cancelled</source>
        <translation>Löschen abgebrochen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="730" />
        <source>Restore config</source>
        <translation>Konfiguration wiederherstellen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="730" />
        <source>Replace the device's whole config with %1?</source>
        <translation>Die gesamte Konfiguration des Geräts durch %1 ersetzen?</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="731" />
        <source>restore cancelled</source>
        <translation>Wiederherstellung abgebrochen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="767" />
        <source>settings not applied: %1</source>
        <translation>Einstellungen nicht übernommen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="772" />
        <source>settings unchanged</source>
        <translation>Einstellungen unverändert</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="796" />
        <source>cancelling…</source>
        <translation>breche ab…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="809" />
        <source>started: %1</source>
        <translation>gestartet: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="814" />
        <source>Phase: %1</source>
        <translation>Phase: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="818" />
        <source>%1 / %2 bytes</source>
        <translation>%1 / %2 Bytes</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="823" />
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="824" />
        <source>%1 s left</source>
        <translation>noch %1 s</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="834" />
        <location filename="../app/gui/main_window.cpp" line="836" />
        <source>Done: %1</source>
        <translation>Fertig: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="835" />
        <source>done: %1</source>
        <translation>fertig: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="839" />
        <location filename="../app/gui/main_window.cpp" line="841" />
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="840" />
        <source>failed: %1: %2</source>
        <translation>fehlgeschlagen: %1: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="850" />
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="867" />
        <source>DEBUG</source>
        <translation>DEBUG</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="868" />
        <source>INFO</source>
        <translation>INFO</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="869" />
        <source>WARN</source>
        <translation>WARN</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="870" />
        <source>ERROR</source>
        <translation>FEHLER</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="883" />
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="887" />
        <source>log saved to %1</source>
        <translation>Protokoll gespeichert in %1</translation>
    </message>
</context>
<context>
    <name>piton::gui::RegionMap</name>
    <message>
        <location filename="../app/gui/region_map.cpp" line="99" />
        <source>no device</source>
        <translation>kein Gerät</translation>
    </message>
</context>
</TS>