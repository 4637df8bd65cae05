<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Access</name>
    <message>
        <source>%1 failed (OpenSSL error %2)</source>
        <translation>%1 fehlgeschlagen (OpenSSL-Fehler %2)</translation>
    </message>
    <message>
        <source>sealed response shorter than counter and tag</source>
        <translation>versiegelte Antwort kürzer als Zähler und Tag</translation>
    </message>
    <message>
        <source>sealed response replayed or reordered (counter %1 after %2)</source>
        <translation>versiegelte Antwort wiederholt oder umgeordnet (Zähler %1 nach %2)</translation>
    </message>
    <message>
        <source>sealed response altered in transit (authentication tag does not match)</source>
        <translation>versiegelte Antwort unterwegs verändert (Authentifizierungs-Tag stimmt nicht)</translation>
    </message>
    <message>
        <source>unknown role &apos;%1&apos;: use observer, technician or factory</source>
        <translation>unbekannte Rolle „%1“: observer, technician oder factory verwenden</translation>
    </message>
    <message>
        <source>--for &apos;%1&apos;: give the board&apos;s unique id in hex (as `info` shows it, at most 16 bytes) or ALL</source>
        <translation>--for „%1“: die eindeutige ID der Platine in Hex angeben (wie `info` sie zeigt, höchstens 16 Bytes) oder ALL</translation>
    </message>
    <message>
        <source>credential of %1 bytes, expected %2</source>
        <translation>Berechtigungsnachweis mit %1 Bytes, erwartet %2</translation>
    </message>
    <message>
        <source>credential: magic, version or reserved byte wrong</source>
        <translation>Berechtigungsnachweis: Kennung, Version oder reserviertes Byte falsch</translation>
    </message>
    <message>
        <source>credential: role, unique id length or signature length out of range</source>
        <translation>Berechtigungsnachweis: Rolle, Länge der eindeutigen ID oder der Signatur außerhalb des Bereichs</translation>
    </message>
    <message>
        <source>--days %1: a credential is valid for 1 to 3650 days</source>
        <translation>--days %1: ein Berechtigungsnachweis gilt 1 bis 3650 Tage</translation>
    </message>
    <message>
        <source>credential role or unique id out of range</source>
        <translation>Rolle oder eindeutige ID des Berechtigungsnachweises außerhalb des Bereichs</translation>
    </message>
    <message>
        <source>the holder&apos;s key is not a P-256 key</source>
        <translation>der Schlüssel des Inhabers ist kein P-256-Schlüssel</translation>
    </message>
    <message>
        <source>credential validity outside 1970..2106</source>
        <translation>Gültigkeit des Berechtigungsnachweises außerhalb von 1970..2106</translation>
    </message>
    <message>
        <source>cannot write credential %1: %2</source>
        <translation>Berechtigungsnachweis %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot read credential %1: %2</source>
        <translation>Berechtigungsnachweis %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: no PITON CREDENTIAL block (make one with `piton-cli access issue`)</source>
        <translation>%1: kein PITON-CREDENTIAL-Block (mit `piton-cli access issue` erstellen)</translation>
    </message>
    <message>
        <source>%1: the credential block is not base64</source>
        <translation>%1: der Berechtigungsnachweis-Block ist kein Base64</translation>
    </message>
    <message>
        <source>%1: no holder private key after the credential: %2</source>
        <translation>%1: kein privater Schlüssel des Inhabers nach dem Berechtigungsnachweis: %2</translation>
    </message>
    <message>
        <source>%1: the private key is not the credential&apos;s holder key</source>
        <translation>%1: der private Schlüssel ist nicht der Inhaberschlüssel des Berechtigungsnachweises</translation>
    </message>
    <message>
        <source>AUTH_HELLO response of %1 bytes is malformed</source>
        <translation>AUTH_HELLO-Antwort mit %1 Bytes ist fehlerhaft</translation>
    </message>
    <message>
        <source>AUTH_HELLO: the board&apos;s keys are not P-256 points</source>
        <translation>AUTH_HELLO: die Schlüssel der Platine sind keine P-256-Punkte</translation>
    </message>
    <message>
        <source>the board&apos;s handshake signature does not verify: not the board it claims to be, or altered in transit</source>
        <translation>die Handshake-Signatur der Platine ist ungültig: nicht die Platine, die sie zu sein vorgibt, oder unterwegs verändert</translation>
    </message>
    <message>
        <source>AUTH_PROOF response of %1 bytes is malformed</source>
        <translation>AUTH_PROOF-Antwort mit %1 Bytes ist fehlerhaft</translation>
    </message>
    <message>
        <source>AUTH_NONCE response of %1 bytes is malformed</source>
        <translation>AUTH_NONCE-Antwort mit %1 Bytes ist fehlerhaft</translation>
    </message>
    <message>
        <source>AUTH_SIGNED response of %1 bytes is malformed</source>
        <translation>AUTH_SIGNED-Antwort mit %1 Bytes ist fehlerhaft</translation>
    </message>
    <message>
        <source>%1 response grants role %2 with reserved bytes %3: expected a role of 1 to %4 (the credential&apos;s) and 0</source>
        <translation>%1-Antwort gewährt Rolle %2 mit reservierten Bytes %3: erwartet eine Rolle von 1 bis %4 (die des Berechtigungsnachweises) und 0</translation>
    </message>
</context>
<context>
    <name>BoardHistory</name>
    <message>
        <source>cannot create the history folder %1</source>
        <translation>Verlaufsordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>no history for board %1 yet</source>
        <translation>für Board %1 gibt es noch keinen Verlauf</translation>
    </message>
</context>
<context>
    <name>BoardProfile</name>
    <message>
        <source>bad board id &apos;%1&apos;: use letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;</source>
        <translation>ungültige Board-ID &apos;%1&apos;: Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos; verwenden</translation>
    </message>
    <message>
        <source>unknown board &apos;%1&apos;; known boards: %2 (searched %3)</source>
        <translation>unbekanntes Board &apos;%1&apos;; bekannte Boards: %2 (durchsucht: %3)</translation>
    </message>
    <message>
        <source>cannot open board profile %1: %2</source>
        <translation>Board-Profil %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>board profile %1: %2</source>
        <translation>Board-Profil %1: %2</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>kein gültiges JSON: %1 bei Versatz %2</translation>
    </message>
    <message>
        <source>top level is not a JSON object</source>
        <translation>oberste Ebene ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>missing string &quot;id&quot;</source>
        <translation>Zeichenkette &quot;id&quot; fehlt</translation>
    </message>
    <message>
        <source>id &apos;%1&apos; is longer than 31 characters</source>
        <translation>ID &apos;%1&apos; ist länger als 31 Zeichen</translation>
    </message>
    <message>
        <source>missing array &quot;regions&quot;</source>
        <translation>Feld &quot;regions&quot; fehlt</translation>
    </message>
    <message>
        <source>&quot;regions&quot; is empty</source>
        <translation>&quot;regions&quot; ist leer</translation>
    </message>
    <message>
        <source>region %1</source>
        <translation>Bereich %1</translation>
    </message>
    <message>
        <source> is not a JSON object</source>
        <translation> ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source> has no &quot;name&quot;</source>
        <translation> hat keinen &quot;name&quot;</translation>
    </message>
    <message>
        <source>region name &apos;%1&apos; is longer than 15 characters</source>
        <translation>Bereichsname &apos;%1&apos; ist länger als 15 Zeichen</translation>
    </message>
    <message>
        <source>region &apos;%1&apos; appears twice</source>
        <translation>Bereich &apos;%1&apos; kommt zweimal vor</translation>
    </message>
    <message>
        <source>region &apos;%1&apos;: &quot;address&quot; must be a string &quot;0x...&quot; of at most 32 bits</source>
        <translation>Bereich &apos;%1&apos;: &quot;address&quot; muss eine Zeichenkette &quot;0x...&quot; mit höchstens 32 Bit sein</translation>
    </message>
    <message>
        <source>region &apos;%1&apos;: &quot;size&quot; must be a number of bytes, 1 .. 0xffffffff</source>
        <translation>Bereich &apos;%1&apos;: &quot;size&quot; muss eine Byte-Anzahl sein, 1 .. 0xffffffff</translation>
    </message>
    <message>
        <source>region &apos;%1&apos; runs past the 32-bit address space</source>
        <translation>Bereich &apos;%1&apos; reicht über den 32-Bit-Adressraum hinaus</translation>
    </message>
    <message>
        <source>region &apos;%1&apos;: &quot;flags&quot; must be an array of strings</source>
        <translation>Bereich &apos;%1&apos;: &quot;flags&quot; muss ein Feld von Zeichenketten sein</translation>
    </message>
    <message>
        <source>region &apos;%1&apos; overlaps region &apos;%2&apos;</source>
        <translation>Bereich &apos;%1&apos; überlappt Bereich &apos;%2&apos;</translation>
    </message>
    <message>
        <source>&quot;uf2FamilyId&quot; must be a string &quot;0x...&quot; of at most 32 bits</source>
        <translation>&quot;uf2FamilyId&quot; muss eine Zeichenkette &quot;0x...&quot; mit höchstens 32 Bit sein</translation>
    </message>
</context>
<context>
    <name>ConfigBlob</name>
    <message>
        <source>key is empty</source>
        <translation>Schlüssel ist leer</translation>
    </message>
    <message>
        <source>key is %1 bytes long, at most %2 allowed</source>
        <translation>Schlüssel ist %1 Bytes lang, höchstens %2 erlaubt</translation>
    </message>
    <message>
        <source>key contains &apos;%1&apos;; only a-z, 0-9, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; are allowed</source>
        <translation>Schlüssel enthält &apos;%1&apos;; nur a-z, 0-9, &apos;.&apos;, &apos;_&apos; und &apos;-&apos; sind erlaubt</translation>
    </message>
    <message>
        <source>value is %1 bytes long, at most %2 allowed</source>
        <translation>Wert ist %1 Bytes lang, höchstens %2 erlaubt</translation>
    </message>
    <message>
        <source>value is not valid UTF-8</source>
        <translation>Wert ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <source>config blob: %1</source>
        <translation>Konfigurationsblock: %1</translation>
    </message>
    <message>
        <source>too short: %1 bytes, a blob has at least %2</source>
        <translation>zu kurz: %1 Bytes, ein Block hat mindestens %2</translation>
    </message>
    <message>
        <source>too large: %1 bytes, at most %2 allowed</source>
        <translation>zu groß: %1 Bytes, höchstens %2 erlaubt</translation>
    </message>
    <message>
        <source>bad magic (expected &quot;PTCF&quot;)</source>
        <translation>falsche Kennung (erwartet &quot;PTCF&quot;)</translation>
    </message>
    <message>
        <source>unsupported format version %1 (expected 1)</source>
        <translation>nicht unterstützte Formatversion %1 (erwartet 1)</translation>
    </message>
    <message>
        <source>reserved byte 5 is %1, must be 0</source>
        <translation>reserviertes Byte 5 ist %1, muss 0 sein</translation>
    </message>
    <message>
        <source>entries length %1 disagrees with the blob size %2 (expected %3)</source>
        <translation>Eintragslänge %1 passt nicht zur Blockgröße %2 (erwartet %3)</translation>
    </message>
    <message>
        <source>CRC mismatch: computed 0x%1, blob holds 0x%2</source>
        <translation>CRC stimmt nicht: berechnet 0x%1, im Block steht 0x%2</translation>
    </message>
    <message>
        <source>entry %1 (offset %2)</source>
        <translation>Eintrag %1 (Versatz %2)</translation>
    </message>
    <message>
        <source>%1: key length %2, must be 1..%3</source>
        <translation>%1: Schlüssellänge %2, muss 1..%3 sein</translation>
    </message>
    <message>
        <source>%1: truncated key</source>
        <translation>%1: Schlüssel abgeschnitten</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos;: value length %3, at most %4 allowed</source>
        <translation>%1 &apos;%2&apos;: Wertlänge %3, höchstens %4 erlaubt</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos;: truncated value</source>
        <translation>%1 &apos;%2&apos;: Wert abgeschnitten</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos;: value is not valid UTF-8</source>
        <translation>%1 &apos;%2&apos;: Wert ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <source>%1: key &apos;%2&apos; appears twice</source>
        <translation>%1: Schlüssel &apos;%2&apos; kommt zweimal vor</translation>
    </message>
    <message>
        <source>%1: keys not in ascending order (&apos;%2&apos; after &apos;%3&apos;)</source>
        <translation>%1: Schlüssel nicht aufsteigend sortiert (&apos;%2&apos; nach &apos;%3&apos;)</translation>
    </message>
    <message>
        <source>entry count %1 in the header, but the entries hold %2</source>
        <translation>Eintragsanzahl %1 im Kopf, aber die Einträge enthalten %2</translation>
    </message>
    <message>
        <source>too many config entries (%1)</source>
        <translation>zu viele Konfigurationseinträge (%1)</translation>
    </message>
    <message>
        <source>config key &apos;%1&apos;: %2</source>
        <translation>Konfigurationsschlüssel &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>config is %1 bytes, more than the %2 bytes a config region holds</source>
        <translation>Konfiguration hat %1 Bytes, mehr als die %2 Bytes, die ein Konfigurationsbereich fasst</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>more than %1</source>
        <translation>mehr als %1</translation>
    </message>
    <message>
        <source>%1: config blob: too large: %2 bytes, at most %3 allowed</source>
        <translation>%1: Konfigurationsblock: zu groß: %2 Bytes, höchstens %3 erlaubt</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>serial number must be 1..32 characters, is %1</source>
        <translation>Seriennummer muss 1..32 Zeichen haben, hat %1</translation>
    </message>
    <message>
        <source>serial number must be printable ASCII</source>
        <translation>Seriennummer muss druckbares ASCII sein</translation>
    </message>
    <message>
        <source>must be 0 or 1, is &apos;%1&apos;</source>
        <translation>muss 0 oder 1 sein, ist &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv4 address a.b.c.d (each 0..255)</source>
        <translation>&apos;%1&apos; ist keine IPv4-Adresse a.b.c.d (jeweils 0..255)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a dotted-quad netmask a.b.c.d (each 0..255)</source>
        <translation>&apos;%1&apos; ist keine Netzmaske a.b.c.d (jeweils 0..255)</translation>
    </message>
    <message>
        <source>netmask %1 has non-contiguous one bits</source>
        <translation>Netzmaske %1 hat nicht zusammenhängende Einsen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a MAC address: six hex pairs separated by &apos;:&apos; (e.g. 02:00:00:12:34:56)</source>
        <translation>&apos;%1&apos; ist keine MAC-Adresse: sechs Hex-Paare, getrennt durch &apos;:&apos; (z. B. 02:00:00:12:34:56)</translation>
    </message>
    <message>
        <source>USB product string must be 1..64 characters, is %1</source>
        <translation>USB-Produktname muss 1..64 Zeichen haben, hat %1</translation>
    </message>
</context>
<context>
    <name>DeployJob</name>
    <message>
        <source>downgrade: the %1 goes from %2 back to %3</source>
        <translation>Downgrade: %1 geht von %2 zurück auf %3</translation>
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
        <source>the security counter rises from %1 to %2 once the new image confirms itself: packages with a counter below %2 will never install on this board again (this cannot be undone)</source>
        <translation>der Sicherheitszähler steigt von %1 auf %2, sobald sich das neue Abbild bestätigt: Pakete mit einem Zähler unter %2 werden auf diesem Board nie wieder installiert (das lässt sich nicht rückgängig machen)</translation>
    </message>
    <message>
        <source>the package is signed by key %1, which the board revoked (key set generation %2): its packages never install again</source>
        <translation>das Paket ist mit Schlüssel %1 signiert, den die Platine widerrufen hat (Schlüsselsatz-Generation %2): seine Pakete werden nie wieder installiert</translation>
    </message>
</context>
<context>
    <name>DeviceStatus</name>
    <message>
        <source>the board does not serve this command at its current stage or firmware version: reboot it into the stage that serves it (bootloader or application), or update its firmware</source>
        <translation>das Board bedient diesen Befehl in seiner aktuellen Stufe oder Firmware-Version nicht: starten Sie es in die Stufe neu, die ihn bedient (Bootloader oder Anwendung), oder aktualisieren Sie seine Firmware</translation>
    </message>
    <message>
        <source>the board found the request malformed (length, reserved bytes or field values): the workstation and the board&apos;s firmware may differ in protocol version; update the older one</source>
        <translation>das Board hält die Anfrage für fehlerhaft (Länge, reservierte Bytes oder Feldwerte): Arbeitsplatz und Board-Firmware haben womöglich verschiedene Protokollversionen; aktualisieren Sie die ältere</translation>
    </message>
    <message>
        <source>the board has no region with that id: list its regions and pick one of them</source>
        <translation>das Board hat keinen Bereich mit dieser Kennung: lassen Sie seine Bereiche auflisten und wählen Sie einen davon</translation>
    </message>
    <message>
        <source>the offset or length lies outside the region, or the request is larger than the board takes: check the range against the board&apos;s regions</source>
        <translation>Offset oder Länge liegen außerhalb des Bereichs, oder die Anfrage ist größer, als das Board annimmt: prüfen Sie den Abschnitt anhand der Bereiche des Boards</translation>
    </message>
    <message>
        <source>the erase range does not start and end on sector boundaries: widen it to whole sectors</source>
        <translation>der Löschbereich beginnt und endet nicht auf Sektorgrenzen: erweitern Sie ihn auf ganze Sektoren</translation>
    </message>
    <message>
        <source>the region is protected, or this operation is not allowed on it: pick another region, or change it with an update package</source>
        <translation>der Bereich ist geschützt, oder dieser Vorgang ist auf ihm nicht erlaubt: wählen Sie einen anderen Bereich oder ändern Sie ihn mit einem Update-Paket</translation>
    </message>
    <message>
        <source>the board is locked (production) and takes no raw writes: install a signed update package instead</source>
        <translation>das Board ist gesperrt (Produktion) und nimmt keine direkten Schreibvorgänge an: installieren Sie stattdessen ein signiertes Update-Paket</translation>
    </message>
    <message>
        <source>the flash there is not erased: erase the range first, then write again</source>
        <translation>der Flash ist dort nicht gelöscht: löschen Sie den Abschnitt zuerst und schreiben Sie dann erneut</translation>
    </message>
    <message>
        <source>the board&apos;s flash driver reported a failure: try again; if it repeats, check the board&apos;s supply and flash</source>
        <translation>der Flash-Treiber des Boards hat einen Fehler gemeldet: versuchen Sie es erneut; wenn es sich wiederholt, prüfen Sie Versorgung und Flash des Boards</translation>
    </message>
    <message>
        <source>the update data arrived at an unexpected offset, or no update was begun: start the update again</source>
        <translation>die Update-Daten kamen an einem unerwarteten Offset an, oder es wurde kein Update begonnen: starten Sie das Update erneut</translation>
    </message>
    <message>
        <source>the package is larger than the board&apos;s staging region: build a smaller package (compressed payloads help)</source>
        <translation>das Paket ist größer als der Staging-Bereich des Boards: erstellen Sie ein kleineres Paket (komprimierte Nutzdaten helfen)</translation>
    </message>
    <message>
        <source>the package&apos;s signature is invalid, or the board does not trust its signer: sign it with a package key the board trusts</source>
        <translation>die Signatur des Pakets ist ungültig, oder das Board vertraut seinem Unterzeichner nicht: signieren Sie es mit einem Paketschlüssel, dem das Board vertraut</translation>
    </message>
    <message>
        <source>the package or a payload does not match its SHA-256: the file is damaged or altered; build or copy it again</source>
        <translation>das Paket oder eine Nutzlast passt nicht zu seinem SHA-256: die Datei ist beschädigt oder verändert; erstellen oder kopieren Sie sie erneut</translation>
    </message>
    <message>
        <source>the package was built for another board: use the package for this board</source>
        <translation>das Paket wurde für ein anderes Board erstellt: verwenden Sie das Paket für dieses Board</translation>
    </message>
    <message>
        <source>the application needs a firmware version this board lacks: update the board&apos;s firmware first</source>
        <translation>die Anwendung braucht eine Firmware-Version, die diesem Board fehlt: aktualisieren Sie zuerst die Firmware des Boards</translation>
    </message>
    <message>
        <source>rollback refused: the package&apos;s security counter is below the board&apos;s or raised too far, or its payload is older than the installed one: use a newer package, or one released for rollback</source>
        <translation>Rollback abgelehnt: der Sicherheitszähler des Pakets liegt unter dem des Boards oder steigt zu weit, oder seine Nutzlast ist älter als die installierte: verwenden Sie ein neueres Paket oder eines, das für Rollback freigegeben ist</translation>
    </message>
    <message>
        <source>the package or its manifest is malformed: build the package again</source>
        <translation>das Paket oder sein Manifest ist fehlerhaft: erstellen Sie das Paket erneut</translation>
    </message>
    <message>
        <source>the config blob or entry is malformed (magic, CRC, key syntax or size): check the key and the value</source>
        <translation>der Konfigurationsblock oder -eintrag ist fehlerhaft (Magic, CRC, Schlüsselsyntax oder Größe): prüfen Sie Schlüssel und Wert</translation>
    </message>
    <message>
        <source>the board has no config entry with that key: check the key&apos;s spelling</source>
        <translation>das Board hat keinen Konfigurationseintrag mit diesem Schlüssel: prüfen Sie die Schreibweise des Schlüssels</translation>
    </message>
    <message>
        <source>the board cannot do this in its current state (for example no update begun, or no image in trial): read its state and take the step it waits for</source>
        <translation>das Board kann dies in seinem aktuellen Zustand nicht tun (zum Beispiel kein Update begonnen oder kein Image im Probelauf): lesen Sie seinen Zustand und führen Sie den Schritt aus, auf den es wartet</translation>
    </message>
    <message>
        <source>the board hit an internal error: reboot it; if it repeats, report it with the board&apos;s firmware version</source>
        <translation>das Board hatte einen internen Fehler: starten Sie es neu; wenn es sich wiederholt, melden Sie es mit der Firmware-Version des Boards</translation>
    </message>
    <message>
        <source>another session holds the board or its staging transfer; nothing was changed: wait until it is done, or take the board over (--take-over)</source>
        <translation>eine andere Sitzung hält das Board oder seine Staging-Übertragung; nichts wurde geändert: warten Sie, bis sie fertig ist, oder übernehmen Sie das Board (--take-over)</translation>
    </message>
    <message>
        <source>the board needs a session with a higher role for this; nothing was changed: give a credential (--credential or the settings)</source>
        <translation>das Board braucht dafür eine Sitzung mit einer höheren Rolle; nichts wurde geändert: geben Sie einen Berechtigungsnachweis an (--credential oder die Einstellungen)</translation>
    </message>
    <message>
        <source>the board refused the credential (untrusted access key, expired or not yet valid, for another board, or a proof that does not verify): check the credential, its dates and the workstation&apos;s clock</source>
        <translation>das Board hat den Berechtigungsnachweis abgelehnt (nicht vertrauter Zugangsschlüssel, abgelaufen oder noch nicht gültig, für ein anderes Board, oder ein Nachweis, der sich nicht prüfen lässt): prüfen Sie den Berechtigungsnachweis, seine Daten und die Uhr des Arbeitsplatzes</translation>
    </message>
    <message>
        <source>the board refused a sealed frame (altered, replayed, or the session idle too long) and ended the session: connect again</source>
        <translation>das Board hat einen versiegelten Rahmen abgelehnt (verändert, wiederholt oder die Sitzung war zu lange untätig) und die Sitzung beendet: verbinden Sie sich erneut</translation>
    </message>
    <message>
        <source>too many erases or log-in attempts in a short time: wait a while, then retry</source>
        <translation>zu viele Löschvorgänge oder Anmeldeversuche in kurzer Zeit: warten Sie eine Weile und versuchen Sie es dann erneut</translation>
    </message>
    <message>
        <source>the encrypted package is wrapped to no key this board holds: encrypt it to this board&apos;s product or device key</source>
        <translation>das verschlüsselte Paket ist für keinen Schlüssel verpackt, den dieses Board hat: verschlüsseln Sie es für den Produkt- oder Geräteschlüssel dieses Boards</translation>
    </message>
    <message>
        <source>the key update&apos;s generation is not above the board&apos;s key set (a replay of an older one); nothing was changed: build the key update with a higher generation</source>
        <translation>die Generation der Schlüsselaktualisierung liegt nicht über dem Schlüsselsatz des Boards (eine Wiederholung einer älteren); nichts wurde geändert: erstellen Sie die Schlüsselaktualisierung mit einer höheren Generation</translation>
    </message>
    <message>
        <source>every slot of the board&apos;s key store is used and none can be reclaimed; the board keeps its key set: re-provision it at the factory</source>
        <translation>jeder Platz des Schlüsselspeichers der Platine ist belegt und keiner kann zurückgewonnen werden; die Platine behält ihren Schlüsselsatz: im Werk neu provisionieren</translation>
    </message>
    <message>
        <source>the board trusts no access key, so nobody could service it once locked; nothing was changed: provision an access key first, then lock it</source>
        <translation>die Platine vertraut keinem Zugangsschlüssel, gesperrt könnte sie niemand mehr warten; nichts wurde geändert: zuerst einen Zugangsschlüssel provisionieren, dann sperren</translation>
    </message>
</context>
<context>
    <name>Encryption</name>
    <message>
        <source>%1 failed in OpenSSL: %2</source>
        <translation>%1 ist in OpenSSL fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>key block: %1</source>
        <translation>Schlüsselblock: %1</translation>
    </message>
    <message>
        <source>magic is not PTKB</source>
        <translation>Kennung ist nicht PTKB</translation>
    </message>
    <message>
        <source>version %1 is not 1</source>
        <translation>Version %1 ist nicht 1</translation>
    </message>
    <message>
        <source>%1 recipients, expected 1 to 4</source>
        <translation>%1 Empfänger, erwartet 1 bis 4</translation>
    </message>
    <message>
        <source>reserved bytes are not 0</source>
        <translation>reservierte Bytes sind nicht 0</translation>
    </message>
    <message>
        <source>length %1 does not match %2 recipients</source>
        <translation>Länge %1 passt nicht zu %2 Empfängern</translation>
    </message>
    <message>
        <source>recipient %1 has unknown kind %2</source>
        <translation>Empfänger %1 hat die unbekannte Art %2</translation>
    </message>
    <message>
        <source>recipient %1 reserved bytes are not 0</source>
        <translation>reservierte Bytes von Empfänger %1 sind nicht 0</translation>
    </message>
    <message>
        <source>recipient %1: ephemeral key is not an uncompressed point</source>
        <translation>Empfänger %1: der ephemere Schlüssel ist kein unkomprimierter Punkt</translation>
    </message>
    <message>
        <source>content key wrap: a 32-byte key, a 32-byte manifest hash and a recipient key are needed</source>
        <translation>Verpacken des Inhaltsschlüssels: ein 32-Byte-Schlüssel, ein 32-Byte-Manifest-Hash und ein Empfängerschlüssel werden benötigt</translation>
    </message>
    <message>
        <source>content key unwrap: a key and a 32-byte manifest hash are needed</source>
        <translation>Entpacken des Inhaltsschlüssels: ein Schlüssel und ein 32-Byte-Manifest-Hash werden benötigt</translation>
    </message>
    <message>
        <source>the key %1 is not this recipient&apos;s key %2</source>
        <translation>der Schlüssel %1 ist nicht der Schlüssel %2 dieses Empfängers</translation>
    </message>
    <message>
        <source>the ephemeral key of the recipient is not a P-256 point</source>
        <translation>der ephemere Schlüssel des Empfängers ist kein P-256-Punkt</translation>
    </message>
    <message>
        <source>the ephemeral key of the recipient is not a valid P-256 point</source>
        <translation>der ephemere Schlüssel des Empfängers ist kein gültiger P-256-Punkt</translation>
    </message>
    <message>
        <source>the wrapped content key does not authenticate under key %1</source>
        <translation>der verpackte Inhaltsschlüssel lässt sich unter Schlüssel %1 nicht authentifizieren</translation>
    </message>
    <message>
        <source>AES-256-CTR needs a 32-byte key and a 16-byte counter block</source>
        <translation>AES-256-CTR braucht einen 32-Byte-Schlüssel und einen 16-Byte-Zählerblock</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
</context>
<context>
    <name>KeyUpdate</name>
    <message>
        <source>key update: %1</source>
        <translation>Schlüsselaktualisierung: %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is neither a public key file nor a key fingerprint (64 hex digits)</source>
        <translation>&apos;%1&apos; ist weder eine Datei mit öffentlichem Schlüssel noch ein Schlüssel-Fingerabdruck (64 Hexziffern)</translation>
    </message>
    <message>
        <source>not a P-256 public key</source>
        <translation>kein öffentlicher P-256-Schlüssel</translation>
    </message>
    <message>
        <source>no private key</source>
        <translation>kein privater Schlüssel</translation>
    </message>
    <message>
        <source>cannot read the private key&apos;s scalar</source>
        <translation>der Skalar des privaten Schlüssels kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>not a package file (magic is not PTPK)</source>
        <translation>keine Paketdatei (Magic ist nicht PTPK)</translation>
    </message>
    <message>
        <source>header version, size or reserved field not valid (key updates carry no header extensions)</source>
        <translation>Kopfversion, -größe oder reserviertes Feld ungültig (Schlüsselaktualisierungen haben keine Kopferweiterungen)</translation>
    </message>
    <message>
        <source>%1 bytes do not match the manifest (%2) and signature (%3) lengths</source>
        <translation>%1 Bytes passen nicht zu den Längen von Manifest (%2) und Signatur (%3)</translation>
    </message>
    <message>
        <source>manifest magic is not PTKU: this is not a key update</source>
        <translation>Manifest-Magic ist nicht PTKU: das ist keine Schlüsselaktualisierung</translation>
    </message>
    <message>
        <source>format version %1 is not 1</source>
        <translation>Formatversion %1 ist nicht 1</translation>
    </message>
    <message>
        <source>%1 entries, expected 1 to 6</source>
        <translation>%1 Einträge, erwartet 1 bis 6</translation>
    </message>
    <message>
        <source>board id is not NUL-padded ASCII</source>
        <translation>Platinen-ID ist kein mit NUL aufgefülltes ASCII</translation>
    </message>
    <message>
        <source>flags 0x%1 are not supported</source>
        <translation>Flags 0x%1 werden nicht unterstützt</translation>
    </message>
    <message>
        <source>generation 0 is the factory provisioning</source>
        <translation>Generation 0 ist die Werksprovisionierung</translation>
    </message>
    <message>
        <source>manifest of %1 bytes, expected %2</source>
        <translation>Manifest mit %1 Bytes, erwartet %2</translation>
    </message>
    <message>
        <source>entry %1: action, role or reserved bytes not valid</source>
        <translation>Eintrag %1: Aktion, Rolle oder reservierte Bytes ungültig</translation>
    </message>
    <message>
        <source>entry %1: a revocation carries no key</source>
        <translation>Eintrag %1: ein Widerruf enthält keinen Schlüssel</translation>
    </message>
    <message>
        <source>entry %1: the product key is revoked by delivering a new one</source>
        <translation>Eintrag %1: der Produktschlüssel wird durch Liefern eines neuen widerrufen</translation>
    </message>
    <message>
        <source>entry %1: the key is not an uncompressed P-256 point matching its fingerprint</source>
        <translation>Eintrag %1: der Schlüssel ist kein unkomprimierter P-256-Punkt, der zu seinem Fingerabdruck passt</translation>
    </message>
    <message>
        <source>a new product key needs exactly one product key entry and the key block</source>
        <translation>ein neuer Produktschlüssel braucht genau einen Produktschlüssel-Eintrag und den Schlüsselblock</translation>
    </message>
    <message>
        <source>cannot open key update %1: %2</source>
        <translation>Schlüsselaktualisierung %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>the key update is not signed by any of the given root keys</source>
        <translation>die Schlüsselaktualisierung ist mit keinem der angegebenen Root-Schlüssel signiert</translation>
    </message>
    <message>
        <source>a key update needs the root key to sign it</source>
        <translation>eine Schlüsselaktualisierung braucht den Root-Schlüssel, der sie signiert</translation>
    </message>
    <message>
        <source>the generation must be 1 or more (0 is the factory provisioning)</source>
        <translation>die Generation muss 1 oder mehr sein (0 ist die Werksprovisionierung)</translation>
    </message>
    <message>
        <source>board id must have 1 to 31 characters</source>
        <translation>die Platinen-ID muss 1 bis 31 Zeichen haben</translation>
    </message>
    <message>
        <source>a new product key travels wrapped to the board&apos;s current product key: give --wrap-to</source>
        <translation>ein neuer Produktschlüssel reist verschlüsselt für den aktuellen Produktschlüssel der Platine: --wrap-to angeben</translation>
    </message>
    <message>
        <source>a key update needs at least one key to add or revoke</source>
        <translation>eine Schlüsselaktualisierung braucht mindestens einen Schlüssel zum Hinzufügen oder Widerrufen</translation>
    </message>
    <message>
        <source>%1 keys to add or revoke; a key update holds at most 6</source>
        <translation>%1 Schlüssel zum Hinzufügen oder Widerrufen; eine Schlüsselaktualisierung fasst höchstens 6</translation>
    </message>
    <message>
        <source>%1 root keys added; one key update adds at most one</source>
        <translation>%1 Root-Schlüssel hinzugefügt; eine Schlüsselaktualisierung fügt höchstens einen hinzu</translation>
    </message>
    <message>
        <source>root key proof: signature length or padding not valid</source>
        <translation>Nachweis des Root-Schlüssels: Signaturlänge oder Auffüllung ungültig</translation>
    </message>
    <message>
        <source>the new root key&apos;s proof of possession does not verify: the update was not signed by the private half of the root key it adds</source>
        <translation>der Besitznachweis des neuen Root-Schlüssels ist ungültig: die Aktualisierung wurde nicht mit dem privaten Teil des Root-Schlüssels signiert, den sie hinzufügt</translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <source>unknown OpenSSL error</source>
        <translation>unbekannter OpenSSL-Fehler</translation>
    </message>
    <message>
        <source>key type %1 is not EC (an ECDSA P-256 key is required)</source>
        <translation>Schlüsseltyp %1 ist nicht EC (ein ECDSA-P-256-Schlüssel ist erforderlich)</translation>
    </message>
    <message>
        <source>EC key without a named curve (P-256 is required)</source>
        <translation>EC-Schlüssel ohne benannte Kurve (P-256 erforderlich)</translation>
    </message>
    <message>
        <source>EC key on curve %1; only P-256 (prime256v1) is accepted</source>
        <translation>EC-Schlüssel auf Kurve %1; nur P-256 (prime256v1) wird angenommen</translation>
    </message>
    <message>
        <source>cannot open %1 %2: %3</source>
        <translation>%1 %2 kann nicht geöffnet werden: %3</translation>
    </message>
    <message>
        <source>no public key to verify the signature with</source>
        <translation>kein öffentlicher Schlüssel zum Prüfen der Signatur</translation>
    </message>
    <message>
        <source>cannot set up signature verification: %1</source>
        <translation>Signaturprüfung kann nicht eingerichtet werden: %1</translation>
    </message>
    <message>
        <source>signature does not verify under key %1</source>
        <translation>Signatur ist unter Schlüssel %1 nicht gültig</translation>
    </message>
    <message>
        <source>no public key to save</source>
        <translation>kein öffentlicher Schlüssel zum Speichern</translation>
    </message>
    <message>
        <source>cannot write public key %1: %2</source>
        <translation>öffentlicher Schlüssel %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>not a DER SubjectPublicKeyInfo: %1</source>
        <translation>kein DER-SubjectPublicKeyInfo: %1</translation>
    </message>
    <message>
        <source>not a PEM public key (SubjectPublicKeyInfo) or private key</source>
        <translation>kein öffentlicher PEM-Schlüssel (SubjectPublicKeyInfo) und kein privater Schlüssel</translation>
    </message>
    <message>
        <source>no private key to save</source>
        <translation>kein privater Schlüssel zum Speichern</translation>
    </message>
    <message>
        <source>cannot encode the private key: %1</source>
        <translation>privater Schlüssel kann nicht kodiert werden: %1</translation>
    </message>
    <message>
        <source>cannot write private key %1: %2</source>
        <translation>privater Schlüssel %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>no private key to sign with</source>
        <translation>kein privater Schlüssel zum Signieren</translation>
    </message>
    <message>
        <source>cannot sign: %1</source>
        <translation>Signieren nicht möglich: %1</translation>
    </message>
    <message>
        <source>encrypted private keys are not supported (%1)</source>
        <translation>verschlüsselte private Schlüssel werden nicht unterstützt (%1)</translation>
    </message>
    <message>
        <source>not a PEM private key (PKCS#8 or SEC 1): %1</source>
        <translation>kein privater PEM-Schlüssel (PKCS#8 oder SEC 1): %1</translation>
    </message>
    <message>
        <source>cannot generate an EC P-256 key: %1</source>
        <translation>EC-P-256-Schlüssel kann nicht erzeugt werden: %1</translation>
    </message>
    <message>
        <source>private key</source>
        <translation>privater Schlüssel</translation>
    </message>
    <message>
        <source>public key</source>
        <translation>öffentlicher Schlüssel</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a key fingerprint (64 hex digits of SHA-256)</source>
        <translation>&apos;%1&apos; ist kein Schlüssel-Fingerabdruck (64 Hex-Ziffern SHA-256)</translation>
    </message>
</context>
<context>
    <name>Lz4Payload</name>
    <message>
        <source>LZ4 %1 failed: %2</source>
        <translation>LZ4 (%1) fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>LZ4 frame of %1 bytes is shorter than its header</source>
        <translation>LZ4-Rahmen von %1 Bytes ist kürzer als sein Kopf</translation>
    </message>
    <message>
        <source>LZ4 frame is not version 1 with independent blocks and no block checksum or dictionary (FLG 0x%1)</source>
        <translation>LZ4-Rahmen ist nicht Version 1 mit unabhängigen Blöcken ohne Blockprüfsumme und Wörterbuch (FLG 0x%1)</translation>
    </message>
    <message>
        <source>LZ4 block of %1 bytes at frame offset %2 exceeds the device&apos;s %3-byte block buffer</source>
        <translation>LZ4-Block von %1 Bytes bei Rahmen-Offset %2 übersteigt den %3-Byte-Blockpuffer des Geräts</translation>
    </message>
    <message>
        <source>LZ4 frame decodes to more than the image&apos;s %1 bytes</source>
        <translation>LZ4-Rahmen ergibt mehr als die %1 Bytes des Abbilds</translation>
    </message>
    <message>
        <source>LZ4 frame is truncated after %1 image bytes</source>
        <translation>LZ4-Rahmen endet nach %1 Bytes des Abbilds vorzeitig</translation>
    </message>
    <message>
        <source>%1 bytes follow the LZ4 frame</source>
        <translation>Auf den LZ4-Rahmen folgen %1 Bytes</translation>
    </message>
    <message>
        <source>LZ4 frame decodes to %1 bytes, the descriptor says %2</source>
        <translation>LZ4-Rahmen ergibt %1 Bytes, der Deskriptor nennt %2</translation>
    </message>
</context>
<context>
    <name>Manifest</name>
    <message>
        <source>manifest: %1</source>
        <translation>Manifest: %1</translation>
    </message>
    <message>
        <source>board id &apos;%1&apos; must be 1..31 printable ASCII characters</source>
        <translation>Board-ID &apos;%1&apos; muss aus 1..31 druckbaren ASCII-Zeichen bestehen</translation>
    </message>
    <message>
        <source>%1 payloads; a package holds 1 or 2</source>
        <translation>%1 Nutzlasten; ein Paket enthält 1 oder 2</translation>
    </message>
    <message>
        <source>payload %1</source>
        <translation>Nutzlast %1</translation>
    </message>
    <message>
        <source>%1: unknown kind %2 (1 firmware, 2 application)</source>
        <translation>%1: unbekannte Art %2 (1 Firmware, 2 Anwendung)</translation>
    </message>
    <message>
        <source>%1: a second payload of kind %2 (%3); at most one per kind</source>
        <translation>%1: eine zweite Nutzlast der Art %2 (%3); höchstens eine je Art</translation>
    </message>
    <message>
        <source>%1: kind %2 must target region &apos;%3&apos;, targets &apos;%4&apos;</source>
        <translation>%1: Art %2 muss Bereich &apos;%3&apos; als Ziel haben, hat &apos;%4&apos;</translation>
    </message>
    <message>
        <source>%1: size is 0</source>
        <translation>%1: Größe ist 0</translation>
    </message>
    <message>
        <source>%1: payload offset %2, expected %3 (payloads back to back)</source>
        <translation>%1: Nutzlastversatz %2, erwartet %3 (Nutzlasten lückenlos hintereinander)</translation>
    </message>
    <message>
        <source>%1: payloads exceed 4 GiB</source>
        <translation>%1: Nutzlasten überschreiten 4 GiB</translation>
    </message>
    <message>
        <source>%1: load offset + size exceeds 32 bits</source>
        <translation>%1: Ladeversatz + Größe überschreitet 32 Bit</translation>
    </message>
    <message>
        <source>%1: SHA-256 must be 32 bytes, is %2</source>
        <translation>%1: SHA-256 muss 32 Bytes haben, hat %2</translation>
    </message>
    <message>
        <source>%1: requires-firmware is for applications only, must be 0 for firmware</source>
        <translation>%1: requires-firmware gilt nur für Anwendungen, muss bei Firmware 0 sein</translation>
    </message>
    <message>
        <source>too short: %1 bytes, at least %2</source>
        <translation>zu kurz: %1 Bytes, mindestens %2</translation>
    </message>
    <message>
        <source>bad magic (expected &quot;PTMF&quot;)</source>
        <translation>falsche Kennung (erwartet &quot;PTMF&quot;)</translation>
    </message>
    <message>
        <source>payload count %1; a package holds 1 or 2</source>
        <translation>Nutzlastanzahl %1; ein Paket enthält 1 oder 2</translation>
    </message>
    <message>
        <source>length %1 bytes, expected %2 for %3 payloads</source>
        <translation>Länge %1 Bytes, erwartet %2 für %3 Nutzlasten</translation>
    </message>
    <message>
        <source>board id is not NUL-padded printable ASCII of at most 31 characters</source>
        <translation>Board-ID ist kein mit NUL aufgefülltes druckbares ASCII von höchstens 31 Zeichen</translation>
    </message>
    <message>
        <source>payload %1: reserved bytes are not 0</source>
        <translation>Nutzlast %1: reservierte Bytes sind nicht 0</translation>
    </message>
    <message>
        <source>payload %1: region name is not NUL-padded printable ASCII of at most 15 characters</source>
        <translation>Nutzlast %1: Bereichsname ist kein mit NUL aufgefülltes druckbares ASCII von höchstens 15 Zeichen</translation>
    </message>
    <message>
        <source>unsupported manifest format version %1 (expected 1 or 2)</source>
        <translation>nicht unterstützte Manifest-Formatversion %1 (erwartet 1 oder 2)</translation>
    </message>
    <message>
        <source>the encrypted flag needs manifest format 2</source>
        <translation>das Verschlüsselungs-Flag erfordert Manifest-Format 2</translation>
    </message>
    <message>
        <source>unknown flags 0x%1 set</source>
        <translation>unbekannte Flags 0x%1 gesetzt</translation>
    </message>
    <message>
        <source>%1 bytes after the payload descriptors, but the package is not encrypted</source>
        <translation>%1 Bytes nach den Nutzdaten-Deskriptoren, aber das Paket ist nicht verschlüsselt</translation>
    </message>
    <message>
        <source>%1: encoding 0x%2 needs manifest format 2</source>
        <translation>%1: Kodierung 0x%2 erfordert Manifest-Format 2</translation>
    </message>
    <message>
        <source>%1: unknown encoding bits 0x%2</source>
        <translation>%1: unbekannte Kodierungs-Bits 0x%2</translation>
    </message>
    <message>
        <source>%1: encrypted payload in a package without the encrypted flag</source>
        <translation>%1: verschlüsselte Nutzdaten in einem Paket ohne Verschlüsselungs-Flag</translation>
    </message>
    <message>
        <source>%1: counter block must be 16 bytes, is %2</source>
        <translation>%1: Zählerblock muss 16 Bytes lang sein, ist %2</translation>
    </message>
    <message>
        <source>%1: counter block set, but the payload is not encrypted</source>
        <translation>%1: Zählerblock gesetzt, aber die Nutzdaten sind nicht verschlüsselt</translation>
    </message>
    <message>
        <source>%1: image size is 0</source>
        <translation>%1: Größe des Abbilds ist 0</translation>
    </message>
    <message>
        <source>%1: load offset + image size exceeds 32 bits</source>
        <translation>%1: Lade-Offset + Abbildgröße überschreitet 32 Bit</translation>
    </message>
    <message>
        <source>%1: image SHA-256 must be 32 bytes, is %2</source>
        <translation>%1: SHA-256 des Abbilds muss 32 Bytes lang sein, ist %2</translation>
    </message>
    <message>
        <source>payload %1: not encoded, but its image size or SHA-256 differs from the stored one</source>
        <translation>Nutzdaten %1: nicht kodiert, aber Abbildgröße oder SHA-256 weichen von den gespeicherten ab</translation>
    </message>
    <message>
        <source>this is a key update, not an update package: apply it with piton-cli keys update-device</source>
        <translation>das ist eine Schlüsselaktualisierung, kein Aktualisierungspaket: mit piton-cli keys update-device anwenden</translation>
    </message>
</context>
<context>
    <name>Package</name>
    <message>
        <source>package: %1</source>
        <translation>Paket: %1</translation>
    </message>
    <message>
        <source>firmware payload</source>
        <translation>Firmware-Nutzlast</translation>
    </message>
    <message>
        <source>application payload</source>
        <translation>Anwendungs-Nutzlast</translation>
    </message>
    <message>
        <source>the signer key in the header is not a P-256 public key: %1</source>
        <translation>der Signierschlüssel im Kopf ist kein öffentlicher P-256-Schlüssel: %1</translation>
    </message>
    <message>
        <source>truncated: %1 bytes, the manifest describes %2</source>
        <translation>abgeschnitten: %1 Bytes, das Manifest beschreibt %2</translation>
    </message>
    <message>
        <source>%1 trailing bytes after the payloads (file %2 bytes, expected %3)</source>
        <translation>%1 überzählige Bytes nach den Nutzlasten (Datei %2 Bytes, erwartet %3)</translation>
    </message>
    <message>
        <source>cannot open package %1: %2</source>
        <translation>Paket %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>cannot read package %1: %2</source>
        <translation>Paket %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>manifest signature check failed: %1</source>
        <translation>Prüfung der Manifest-Signatur fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>payload hash check failed: %1 payloads for %2 descriptors</source>
        <translation>Hash-Prüfung der Nutzlast fehlgeschlagen: %1 Nutzlasten für %2 Beschreibungen</translation>
    </message>
    <message>
        <source>payload hash check failed: %1 (region %2) has SHA-256 %3, the manifest says %4</source>
        <translation>Hash-Prüfung der Nutzlast fehlgeschlagen: %1 (Bereich %2) hat SHA-256 %3, das Manifest sagt %4</translation>
    </message>
    <message>
        <source>signature check failed: the package names signer key %1, but its signature does not verify under that key</source>
        <translation>Signaturprüfung fehlgeschlagen: das Paket nennt den Signierschlüssel %1, aber seine Signatur ist unter diesem Schlüssel nicht gültig</translation>
    </message>
    <message>
        <source>no signing key given</source>
        <translation>kein Signierschlüssel angegeben</translation>
    </message>
    <message>
        <source>nothing to package: give a firmware image, an application image, or both</source>
        <translation>nichts zu verpacken: ein Firmware-Abbild, ein Anwendungsabbild oder beide angeben</translation>
    </message>
    <message>
        <source>a firmware requirement applies only to an application image</source>
        <translation>eine Firmware-Anforderung gilt nur für ein Anwendungsabbild</translation>
    </message>
    <message>
        <source>board id &apos;%1&apos; differs from the board profile &apos;%2&apos;</source>
        <translation>Board-ID &apos;%1&apos; weicht vom Board-Profil &apos;%2&apos; ab</translation>
    </message>
    <message>
        <source>board %1 has no region &apos;%2&apos; for the %3 image</source>
        <translation>Board %1 hat keinen Bereich &apos;%2&apos; für das %3-Abbild</translation>
    </message>
    <message>
        <source>the %1 image holds no data</source>
        <translation>das %1-Abbild enthält keine Daten</translation>
    </message>
    <message>
        <source>%1 image bytes %2..%3 are outside region %4 (%5..%6)</source>
        <translation>Bytes %2..%3 des %1-Abbilds liegen außerhalb des Bereichs %4 (%5..%6)</translation>
    </message>
    <message>
        <source>manifest check failed: %1</source>
        <translation>Manifest-Prüfung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>board check failed: package is for board &apos;%1&apos;, the device is &apos;%2&apos;</source>
        <translation>Board-Prüfung fehlgeschlagen: Paket ist für Board &apos;%1&apos;, das Gerät ist &apos;%2&apos;</translation>
    </message>
    <message>
        <source>signature check failed: the manifest signature does not verify under any of the given public keys (%1)</source>
        <translation>Signaturprüfung fehlgeschlagen: die Manifest-Signatur ist unter keinem der angegebenen öffentlichen Schlüssel gültig (%1)</translation>
    </message>
    <message>
        <source>trust check failed: the package is signed by key %1, which the board does not trust (it trusts %2)</source>
        <translation>Vertrauensprüfung fehlgeschlagen: das Paket ist mit Schlüssel %1 signiert, dem das Board nicht vertraut (es vertraut %2)</translation>
    </message>
    <message>
        <source>security counter check failed: package counter %1 is below the device&apos;s %2 (a rollback to an older, possibly vulnerable release)</source>
        <translation>Prüfung des Sicherheitszählers fehlgeschlagen: Paketzähler %1 liegt unter dem des Geräts (%2) (ein Rückschritt auf eine ältere, womöglich verwundbare Version)</translation>
    </message>
    <message>
        <source>firmware requirement check failed: the application requires firmware %1, the package brings firmware %2</source>
        <translation>Firmware-Prüfung fehlgeschlagen: die Anwendung benötigt Firmware %1, das Paket bringt Firmware %2 mit</translation>
    </message>
    <message>
        <source>firmware requirement check failed: the application requires firmware %1, the device runs %2 and the package brings none</source>
        <translation>Firmware-Prüfung fehlgeschlagen: die Anwendung benötigt Firmware %1, das Gerät hat %2 und das Paket bringt keine mit</translation>
    </message>
    <message>
        <source>no firmware</source>
        <translation>keine Firmware</translation>
    </message>
    <message>
        <source>region check failed: the device has no region &apos;%1&apos;</source>
        <translation>Bereichsprüfung fehlgeschlagen: das Gerät hat keinen Bereich &apos;%1&apos;</translation>
    </message>
    <message>
        <source>region check failed: %1 at offset %2 with %3 bytes does not fit region %4 (%5 bytes)</source>
        <translation>Bereichsprüfung fehlgeschlagen: %1 bei Versatz %2 mit %3 Bytes passt nicht in Bereich %4 (%5 Bytes)</translation>
    </message>
    <message>
        <source>not a Piton package</source>
        <translation>kein Piton-Paket</translation>
    </message>
    <message>
        <source>payload image check failed: %1 (region %2): %3</source>
        <translation>Prüfung des Abbilds fehlgeschlagen: %1 (Region %2): %3</translation>
    </message>
    <message>
        <source>payload image check failed: %1 (region %2) decodes to an image with SHA-256 %3, the manifest says %4</source>
        <translation>Prüfung des Abbilds fehlgeschlagen: %1 (Region %2) ergibt ein Abbild mit SHA-256 %3, das Manifest nennt %4</translation>
    </message>
    <message>
        <source>no payload %1</source>
        <translation>keine Nutzdaten %1</translation>
    </message>
    <message>
        <source>payload encoding 0x%1 cannot be decoded here (encrypted)</source>
        <translation>Nutzdaten-Kodierung 0x%1 kann hier nicht dekodiert werden (verschlüsselt)</translation>
    </message>
    <message>
        <source>a package can be encrypted to at most %1 keys</source>
        <translation>ein Paket kann an höchstens %1 Schlüssel verschlüsselt werden</translation>
    </message>
    <message>
        <source>device keys are extra recipients of an encrypted package: give the product key to encrypt to as well</source>
        <translation>Geräteschlüssel sind zusätzliche Empfänger eines verschlüsselten Pakets: geben Sie auch den Produktschlüssel an, an den verschlüsselt wird</translation>
    </message>
</context>
<context>
    <name>PackageTools</name>
    <message>
        <source>no file given for the private key</source>
        <translation>keine Datei für den privaten Schlüssel angegeben</translation>
    </message>
    <message>
        <source>the private and the public key cannot go to the same file %1</source>
        <translation>privater und öffentlicher Schlüssel können nicht in dieselbe Datei %1</translation>
    </message>
    <message>
        <source>%1 exists; refusing to overwrite a key</source>
        <translation>%1 existiert; ein Schlüssel wird nicht überschrieben</translation>
    </message>
    <message>
        <source>no board id given</source>
        <translation>keine Board-ID angegeben</translation>
    </message>
    <message>
        <source>no output file given for the package</source>
        <translation>keine Ausgabedatei für das Paket angegeben</translation>
    </message>
    <message>
        <source>give a firmware image, an application image, or both</source>
        <translation>ein Firmware-Abbild, ein Anwendungsabbild oder beide angeben</translation>
    </message>
    <message>
        <source>no signing key given</source>
        <translation>kein Signierschlüssel angegeben</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>the device&apos;s config is damaged: %1</source>
        <translation>die Konfiguration des Geräts ist beschädigt: %1</translation>
    </message>
    <message>
        <source>the config read back differs from the one written</source>
        <translation>die zurückgelesene Konfiguration weicht von der geschriebenen ab</translation>
    </message>
    <message>
        <source>%1: version %2 (package %3), SHA-256 %4</source>
        <translation>%1: Version %2 (Paket %3), SHA-256 %4</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>stimmt überein</translation>
    </message>
    <message>
        <source>differs</source>
        <translation>weicht ab</translation>
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
    <name>RomJobs</name>
    <message>
        <source>the ROM reports product id 0x%1, a chip Piton does not know; %2</source>
        <translation>das ROM meldet Produkt-ID 0x%1, einen Chip, den Piton nicht kennt; %2</translation>
    </message>
    <message>
        <source>a ROM read takes 1 byte .. 16 MiB, not %1</source>
        <translation>ein ROM-Lesen umfasst 1 Byte .. 16 MiB, nicht %1</translation>
    </message>
    <message>
        <source>no sectors to erase</source>
        <translation>keine Sektoren zu löschen</translation>
    </message>
    <message>
        <source>nothing was erased</source>
        <translation>nichts wurde gelöscht</translation>
    </message>
    <message>
        <source>the %1 has sectors 0..%2, not %3; nothing was erased</source>
        <translation>der %1 hat die Sektoren 0..%2, nicht %3; nichts wurde gelöscht</translation>
    </message>
    <message>
        <source>ROM write of %1 bytes at %2</source>
        <translation>ROM-Schreiben von %1 Bytes bei %2</translation>
    </message>
    <message>
        <source>the image holds no data</source>
        <translation>das Abbild enthält keine Daten</translation>
    </message>
    <message>
        <source>nothing was changed</source>
        <translation>nichts wurde geändert</translation>
    </message>
    <message>
        <source>the image (%1..%2) does not lie in the flash of the %3 (%4..%5); nothing was changed</source>
        <translation>das Abbild (%1..%2) liegt nicht im Flash des %3 (%4..%5); nichts wurde geändert</translation>
    </message>
    <message>
        <source>%1 (PID 0x%2, bootloader %3.%4): erasing sector(s) %5</source>
        <translation>%1 (PID 0x%2, Bootloader %3.%4): lösche Sektor(en) %5</translation>
    </message>
    <message>
        <source>read back differs at %1: wrote 0x%2, read 0x%3</source>
        <translation>Zurückgelesenes weicht bei %1 ab: geschrieben 0x%2, gelesen 0x%3</translation>
    </message>
    <message>
        <source>%1 bytes written and verified</source>
        <translation>%1 Bytes geschrieben und geprüft</translation>
    </message>
    <message>
        <source>Go %1 sent</source>
        <translation>Go %1 gesendet</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>the device did not come back within %1 ms</source>
        <translation>das Gerät kam nicht innerhalb von %1 ms zurück</translation>
    </message>
    <message>
        <source>while the board restarted, another session claimed it: %1</source>
        <translation>während das Board neu startete, hat eine andere Sitzung es übernommen: %1</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>the device has no region &apos;%1&apos; (it has: %2)</source>
        <translation>das Gerät hat keinen Bereich &apos;%1&apos; (es hat: %2)</translation>
    </message>
    <message>
        <source>authentication with the credential failed: %1</source>
        <translation>Anmeldung mit dem Berechtigungsnachweis fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>this board grants no roles: a credential cannot help</source>
        <translation>dieses Board vergibt keine Rollen: ein Berechtigungsnachweis hilft nicht</translation>
    </message>
    <message>
        <source>another board answers on %1 (unique id %2, not %3 of the board this session was working with)</source>
        <translation>an %1 antwortet ein anderes Board (eindeutige ID %2, nicht %3 des Boards, mit dem diese Sitzung gearbeitet hat)</translation>
    </message>
    <message>
        <source>the board came back but refused to be claimed again: %1</source>
        <translation>das Board ist zurück, lässt sich aber nicht erneut belegen: %1</translation>
    </message>
</context>
<context>
    <name>piton</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>the config region holds no intact config record (config corrupt)</source>
        <translation>der Konfigurationsbereich enthält keinen intakten Konfigurationsdatensatz (Konfiguration beschädigt)</translation>
    </message>
    <message>
        <source>restore the config from the backup file, then read it back and compare</source>
        <translation>die Konfiguration aus der Sicherungsdatei wiederherstellen, dann zurücklesen und vergleichen</translation>
    </message>
    <message>
        <source>the config is empty: factory defaults apply</source>
        <translation>die Konfiguration ist leer: Werkseinstellungen gelten</translation>
    </message>
    <message>
        <source>the staging region&apos;s header is unreadable or inconsistent (staging corrupt)</source>
        <translation>der Kopf des Staging-Bereichs ist unlesbar oder widersprüchlich (Staging beschädigt)</translation>
    </message>
    <message>
        <source>erase staging (UPDATE_ABORT), then re-send the package if one is given</source>
        <translation>Staging löschen (UPDATE_ABORT), dann das Paket erneut senden, falls eines angegeben ist</translation>
    </message>
    <message>
        <source>staging holds %1 of %2 bytes of a package that was not committed; deploying the same package resumes it</source>
        <translation>Staging enthält %1 von %2 Bytes eines nicht übernommenen Pakets; dasselbe Paket erneut installieren setzt fort</translation>
    </message>
    <message>
        <source>a verified package is pending: the bootloader installs it at the next reset</source>
        <translation>ein geprüftes Paket steht an: der Bootloader installiert es beim nächsten Reset</translation>
    </message>
    <message>
        <source>did not confirm itself within %1 boots</source>
        <translation>hat sich nicht innerhalb von %1 Starts selbst bestätigt</translation>
    </message>
    <message>
        <source>did not confirm itself</source>
        <translation>hat sich nicht selbst bestätigt</translation>
    </message>
    <message>
        <source>was invalid at boot</source>
        <translation>war beim Start ungültig</translation>
    </message>
    <message>
        <source>was not kept</source>
        <translation>wurde nicht behalten</translation>
    </message>
    <message>
        <source>the new image %1, so the bootloader reverted to the previous one: application %2, firmware %3 (reverted)</source>
        <translation>das neue Abbild %1, daher ist der Bootloader zum vorherigen zurückgekehrt: Anwendung %2, Firmware %3 (zurückgesetzt)</translation>
    </message>
    <message>
        <source>the new image %1, so the bootloader reverted it; there was no previous application, the board is in recovery mode (reverted)</source>
        <translation>das neue Abbild %1, daher hat der Bootloader es zurückgesetzt; es gab keine vorherige Anwendung, das Board ist im Wiederherstellungsmodus (zurückgesetzt)</translation>
    </message>
    <message>
        <source>deploy a package whose application confirms itself (the package that was reverted would revert again), then wait for it to confirm and verify it</source>
        <translation>ein Paket installieren, dessen Anwendung sich selbst bestätigt (das zurückgesetzte Paket würde erneut zurückgesetzt), dann auf die Bestätigung warten und es prüfen</translation>
    </message>
    <message>
        <source>the deployment region is erased, the board is in recovery mode</source>
        <translation>der Deployment-Bereich ist gelöscht, das Board ist im Wiederherstellungsmodus</translation>
    </message>
    <message>
        <source>the bootloader found no valid application, the board is in recovery mode</source>
        <translation>der Bootloader fand keine gültige Anwendung, das Board ist im Wiederherstellungsmodus</translation>
    </message>
    <message>
        <source>deploy the package, then verify the installed payloads</source>
        <translation>das Paket installieren, dann die installierten Nutzlasten prüfen</translation>
    </message>
    <message>
        <source>the bootloader answers although application %1 is installed</source>
        <translation>der Bootloader antwortet, obwohl Anwendung %1 installiert ist</translation>
    </message>
    <message>
        <source>reboot the board so that the bootloader starts the application</source>
        <translation>das Board neu starten, damit der Bootloader die Anwendung startet</translation>
    </message>
    <message>
        <source>the image runs on trial: the device takes no new package until it is confirmed or reverted, so staging is erased but no package is re-sent</source>
        <translation>das Abbild läuft auf Probe: das Gerät nimmt kein neues Paket an, bis es bestätigt oder zurückgesetzt ist; daher wird Staging gelöscht, aber kein Paket erneut gesendet</translation>
    </message>
    <message>
        <source>the application runs in trial (boot %1 of at most %2): it confirms itself once it is up, or confirm it by hand</source>
        <translation>die Anwendung läuft auf Probe (Start %1 von höchstens %2): sie bestätigt sich selbst, sobald sie läuft, oder bestätigen Sie sie von Hand</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>the last install was %1; the board kept its previous image</source>
        <translation>die letzte Installation war %1; das Board hat sein vorheriges Abbild behalten</translation>
    </message>
    <message>
        <source>config restored from %1 and read back</source>
        <translation>Konfiguration aus %1 wiederhergestellt und zurückgelesen</translation>
    </message>
    <message>
        <source>staging erased</source>
        <translation>Staging gelöscht</translation>
    </message>
    <message>
        <source>%1 deployed and verified</source>
        <translation>%1 installiert und geprüft</translation>
    </message>
    <message>
        <source>rebooted; the application answers</source>
        <translation>neu gestartet; die Anwendung antwortet</translation>
    </message>
    <message>
        <source>nothing to recover</source>
        <translation>nichts wiederherzustellen</translation>
    </message>
    <message>
        <source>%1 bytes, shorter than the 16-byte header</source>
        <translation>%1 Bytes, kürzer als der 16-Byte-Kopf</translation>
    </message>
    <message>
        <source>bad magic (expected &quot;%1&quot;): %2</source>
        <translation>falsche Kennung (erwartet &quot;%1&quot;): %2</translation>
    </message>
    <message>
        <source>unsupported format version %1 (expected 1)</source>
        <translation>nicht unterstützte Formatversion %1 (erwartet 1)</translation>
    </message>
    <message>
        <source>header size %1, expected 16..%2</source>
        <translation>Kopfgröße %1, erwartet 16..%2</translation>
    </message>
    <message>
        <source>reserved header field is not 0</source>
        <translation>reserviertes Kopffeld ist nicht 0</translation>
    </message>
    <message>
        <source>signature length %1, must be 1..%2</source>
        <translation>Signaturlänge %1, muss 1..%2 sein</translation>
    </message>
    <message>
        <source>truncated: %1 bytes, header says manifest %2 + signature %3 bytes follow</source>
        <translation>abgeschnitten: %1 Bytes, laut Kopf folgen Manifest %2 + Signatur %3 Bytes</translation>
    </message>
    <message>
        <source>header extension at byte %1 is cut off by the header size %2</source>
        <translation>Kopferweiterung bei Byte %1 wird von der Kopfgröße %2 abgeschnitten</translation>
    </message>
    <message>
        <source>header extension %1 of %2 bytes at byte %3 runs past the header size %4</source>
        <translation>Kopferweiterung %1 mit %2 Bytes bei Byte %3 reicht über die Kopfgröße %4 hinaus</translation>
    </message>
    <message>
        <source>no signing key given</source>
        <translation>kein Signierschlüssel angegeben</translation>
    </message>
    <message>
        <source>header extensions of %1 bytes do not fit the %2-byte header</source>
        <translation>Kopferweiterungen mit %1 Bytes passen nicht in den %2-Byte-Kopf</translation>
    </message>
    <message>
        <source>signature of %1 bytes does not fit the format</source>
        <translation>Signatur mit %1 Bytes passt nicht ins Format</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>erase flash sector(s) %1 through the ROM</source>
        <translation>Flash-Sektor(en) %1 über das ROM löschen</translation>
    </message>
    <message>
        <source>program Piton&apos;s bootloader: %1 bytes at %2</source>
        <translation>Piton-Bootloader programmieren: %1 Bytes bei %2</translation>
    </message>
    <message>
        <source>provision board %1 at %2: %3 trusted key(s) (%4), %5, unique id %6</source>
        <translation>Board %1 bei %2 provisionieren: %3 vertrauenswürdige(r) Schlüssel (%4), %5, eindeutige ID %6</translation>
    </message>
    <message>
        <source>locked (production)</source>
        <translation>gesperrt (Produktion)</translation>
    </message>
    <message>
        <source>unlocked (development)</source>
        <translation>entsperrt (Entwicklung)</translation>
    </message>
    <message>
        <source>kept (%1)</source>
        <translation>beibehalten (%1)</translation>
    </message>
    <message>
        <source>new (%1)</source>
        <translation>neu (%1)</translation>
    </message>
    <message>
        <source>read everything back and compare</source>
        <translation>alles zurücklesen und vergleichen</translation>
    </message>
    <message>
        <source>start Piton&apos;s bootloader (Go %1)</source>
        <translation>Piton-Bootloader starten (Go %1)</translation>
    </message>
    <message>
        <source>the application answers on %1</source>
        <translation>die Anwendung antwortet auf %1</translation>
    </message>
    <message>
        <source>Piton&apos;s bootloader answers on %1</source>
        <translation>der Piton-Bootloader antwortet auf %1</translation>
    </message>
    <message>
        <source>no Piton code answers on %1; the chip&apos;s ROM bootloader answers on %2 (%3)</source>
        <translation>auf %1 antwortet kein Piton-Code; der ROM-Bootloader des Chips antwortet auf %2 (%3)</translation>
    </message>
    <message>
        <source>%1 %2, PID 0x%3</source>
        <translation>%1 %2, PID 0x%3</translation>
    </message>
    <message>
        <source>%1, chip unknown</source>
        <translation>%1, Chip unbekannt</translation>
    </message>
    <message>
        <source>nothing answers on %1</source>
        <translation>auf %1 antwortet nichts</translation>
    </message>
    <message>
        <source>no key blocks to keep (the previous provisioning block is not intact, or its sector could not be read whole)</source>
        <translation>keine Schlüsselblöcke zu erhalten (der bisherige Provisionierungsblock ist nicht intakt, oder sein Sektor konnte nicht vollständig gelesen werden)</translation>
    </message>
    <message>
        <source>keep the board&apos;s key blocks (root, access and product keys): %1 bytes after the provisioning block, unchanged</source>
        <translation>die Schlüsselblöcke der Platine erhalten (Root-, Zugangs- und Produktschlüssel): %1 Bytes nach dem Provisionierungsblock, unverändert</translation>
    </message>
    <message>
        <source>cannot read the known boards %1: %2</source>
        <translation>die bekannten Platinen %1 können nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 line %2: not &quot;UNIQUE_ID IDENTITY_FINGERPRINT&quot; in hex</source>
        <translation>%1 Zeile %2: nicht „UNIQUE_ID IDENTITY_FINGERPRINT“ in Hex</translation>
    </message>
    <message>
        <source>access keys: the board&apos;s own %1, kept</source>
        <translation>Zugangsschlüssel: die eigenen %1 der Platine, erhalten</translation>
    </message>
    <message>
        <source>access keys: provision the bundle&apos;s %1 (%2) with a new identity key for the board</source>
        <translation>Zugangsschlüssel: die %1 des Bundles (%2) mit einem neuen Identitätsschlüssel für die Platine provisionieren</translation>
    </message>
    <message>
        <source>access keys: none (the board will grant no session: read-only over TCP)</source>
        <translation>Zugangsschlüssel: keine (die Platine gewährt keine Sitzung: über TCP nur lesend)</translation>
    </message>
    <message>
        <source>the board would come back locked without an access key, and a locked board serves no change without a session: make the bundle with --trust-access-key</source>
        <translation>die Platine käme gesperrt ohne Zugangsschlüssel zurück, und eine gesperrte Platine nimmt ohne Sitzung keine Änderung an: das Bundle mit --trust-access-key erstellen</translation>
    </message>
    <message>
        <source>board id</source>
        <translation>Board-ID</translation>
    </message>
    <message>
        <source>chip</source>
        <translation>Chip</translation>
    </message>
    <message>
        <source>bootloader image</source>
        <translation>Bootloader-Image</translation>
    </message>
    <message>
        <source>sectors</source>
        <translation>Sektoren</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>Sperre</translation>
    </message>
    <message>
        <source>trusted keys</source>
        <translation>vertrauenswürdige Schlüssel</translation>
    </message>
    <message>
        <source>unique id</source>
        <translation>eindeutige ID</translation>
    </message>
    <message>
        <source>kept key blocks</source>
        <translation>beibehaltene Schlüsselblöcke</translation>
    </message>
    <message>
        <source>access keys</source>
        <translation>Zugangsschlüssel</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>the board&apos;s state changed since the plan was shown: shown %1, found now %2; nothing was changed; check the board again to see the new plan</source>
        <translation>der Zustand der Platine hat sich geändert, seit der Plan angezeigt wurde: angezeigt %1, jetzt gefunden %2; nichts wurde geändert; prüfen Sie die Platine erneut, um den neuen Plan zu sehen</translation>
    </message>
</context>
<context>
    <name>piton::ConfigBackupJob</name>
    <message>
        <source>Config backup to %1</source>
        <translation>Konfigurationssicherung nach %1</translation>
    </message>
    <message>
        <source>reading config</source>
        <translation>lese Konfiguration</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 entries (%2 bytes) saved to %3</source>
        <translation>%1 Einträge (%2 Bytes) in %3 gesichert</translation>
    </message>
</context>
<context>
    <name>piton::ConfigRestoreJob</name>
    <message>
        <source>Config restore from %1</source>
        <translation>Konfiguration wiederherstellen aus %1</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a valid config backup: %2</source>
        <translation>%1 ist keine gültige Konfigurationssicherung: %2</translation>
    </message>
    <message>
        <source>config restore</source>
        <translation>Konfiguration wiederherstellen</translation>
    </message>
    <message>
        <source>its PING does not offer CONFIG</source>
        <translation>sein PING bietet CONFIG nicht an</translation>
    </message>
    <message>
        <source>writing config</source>
        <translation>schreibe Konfiguration</translation>
    </message>
    <message>
        <source>this board&apos;s config is corrupt: the backup is restored as it is, identity included</source>
        <translation>die Konfiguration dieses Boards ist beschädigt: die Sicherung wird unverändert wiederhergestellt, Identität eingeschlossen</translation>
    </message>
    <message>
        <source>this board&apos;s config cannot be read (%1): the backup is restored as it is, identity included</source>
        <translation>die Konfiguration dieses Boards ist nicht lesbar (%1): die Sicherung wird unverändert wiederhergestellt, Identität eingeschlossen</translation>
    </message>
    <message>
        <source>copied %1 %2 from the backup over this board&apos;s %3</source>
        <translation>%1 %2 aus der Sicherung über den Wert %3 dieses Boards kopiert</translation>
    </message>
    <message>
        <source>kept this board&apos;s %1 %2 (the backup holds %3)</source>
        <translation>%1 %2 dieses Boards beibehalten (die Sicherung enthält %3)</translation>
    </message>
    <message>
        <source>%1 entries restored and read back</source>
        <translation>%1 Einträge wiederhergestellt und zurückgelesen</translation>
    </message>
</context>
<context>
    <name>piton::ConfigSetJob</name>
    <message>
        <source>Config set</source>
        <translation>Konfiguration setzen</translation>
    </message>
    <message>
        <source>config set</source>
        <translation>Konfiguration setzen</translation>
    </message>
    <message>
        <source>its PING does not offer CONFIG</source>
        <translation>sein PING bietet CONFIG nicht an</translation>
    </message>
    <message>
        <source>writing config</source>
        <translation>schreibe Konfiguration</translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation>%1 gelöscht</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
</context>
<context>
    <name>piton::DeployJob</name>
    <message>
        <source>Deploy %1</source>
        <translation>%1 installieren</translation>
    </message>
    <message>
        <source>signature verified: key %1, trusted by the board</source>
        <translation>Signatur geprüft: Schlüssel %1, dem das Board vertraut</translation>
    </message>
    <message>
        <source>the package does not name its signer (it was made by an older Piton) and no public key was given: whether the board trusts its signer is known only after it is sent</source>
        <translation>das Paket nennt seinen Signierer nicht (es wurde von einem älteren Piton erstellt) und kein öffentlicher Schlüssel wurde angegeben: ob das Board dem Signierer vertraut, zeigt sich erst nach dem Senden</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>package fits %1 (%2), stage %3</source>
        <translation>Paket passt zu %1 (%2), Stufe %3</translation>
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
        <source>update</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>its PING does not offer UPDATE</source>
        <translation>sein PING bietet UPDATE nicht an</translation>
    </message>
    <message>
        <source>resuming: the device already holds %1 of %2 bytes</source>
        <translation>Fortsetzung: das Gerät hat bereits %1 von %2 Bytes</translation>
    </message>
    <message>
        <source>installing</source>
        <translation>Installation</translation>
    </message>
    <message>
        <source>committing: the device verifies the package and resets to install it</source>
        <translation>Übernahme: das Gerät prüft das Paket und startet neu, um es zu installieren</translation>
    </message>
    <message>
        <source>the board did not come back after the install: %1</source>
        <translation>das Board kam nach der Installation nicht zurück: %1</translation>
    </message>
    <message>
        <source>confirming</source>
        <translation>Bestätigung</translation>
    </message>
    <message>
        <source>verifying</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>the board reset during the new image&apos;s trial; reconnecting</source>
        <translation>das Board wurde während der Probephase des neuen Abbilds zurückgesetzt; verbinde erneut</translation>
    </message>
    <message>
        <source>the board did not come back during the new image&apos;s trial boot: %1</source>
        <translation>das Board kam während des Probestarts des neuen Abbilds nicht zurück: %1</translation>
    </message>
    <message>
        <source>the new image confirmed itself after %1 ms</source>
        <translation>das neue Abbild hat sich nach %1 ms selbst bestätigt</translation>
    </message>
    <message>
        <source>the new image failed its check at boot</source>
        <translation>das neue Abbild hat die Prüfung beim Start nicht bestanden</translation>
    </message>
    <message>
        <source>the new image did not confirm itself within %1 boots</source>
        <translation>das neue Abbild hat sich nicht innerhalb von %1 Starts selbst bestätigt</translation>
    </message>
    <message>
        <source>its trial</source>
        <translation>seiner Probephase</translation>
    </message>
    <message>
        <source>the bootloader reverted it and the board runs the previous image (application %1)</source>
        <translation>der Bootloader hat es zurückgesetzt und das Board führt das vorherige Abbild aus (Anwendung %1)</translation>
    </message>
    <message>
        <source>the bootloader reverted it and the board is in recovery mode (there was no previous application to go back to)</source>
        <translation>der Bootloader hat es zurückgesetzt und das Board ist im Wiederherstellungsmodus (es gab keine vorherige Anwendung)</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>the new image runs on trial (boot %1 of at most %2); waiting for it to confirm itself</source>
        <translation>das neue Abbild läuft auf Probe (Start %1 von höchstens %2); warte auf seine Selbstbestätigung</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>the new image has not confirmed itself within %1 s (boot %2 of at most %3): it runs on trial and the bootloader reverts it unless it confirms (piton-cli confirm keeps it)</source>
        <translation>das neue Abbild hat sich nicht innerhalb von %1 s selbst bestätigt (Start %2 von höchstens %3): es läuft auf Probe und der Bootloader setzt es zurück, wenn es sich nicht bestätigt (piton-cli confirm behält es)</translation>
    </message>
    <message>
        <source>staging</source>
        <translation>Staging</translation>
    </message>
    <message>
        <source>%1 (staged %2 of %3 bytes; deploy the same package again to resume)</source>
        <translation>%1 (%2 von %3 Bytes im Staging; dasselbe Paket erneut installieren, um fortzusetzen)</translation>
    </message>
    <message>
        <source>the device confirmed %1 of %2 bytes</source>
        <translation>das Gerät hat %1 von %2 Bytes bestätigt</translation>
    </message>
    <message>
        <source>the bootloader did not install the package (last install result %1)</source>
        <translation>der Bootloader hat das Paket nicht installiert (letztes Installationsergebnis %1)</translation>
    </message>
    <message>
        <source>someone else changed the board after this install: %1 now holds %2, not this package&apos;s %3 (another session installed a package); deploy again once nobody else works on the board</source>
        <translation>jemand anderes hat das Board nach dieser Installation geändert: %1 enthält jetzt %2, nicht %3 dieses Pakets (eine andere Sitzung hat ein Paket installiert); erneut installieren, sobald niemand sonst am Board arbeitet</translation>
    </message>
    <message>
        <source>no image</source>
        <translation>kein Abbild</translation>
    </message>
    <message>
        <source>someone else changed the board after this install: %1 reports this package&apos;s version %2 but its content no longer matches (erased or written by another session); deploy again</source>
        <translation>jemand anderes hat das Board nach dieser Installation geändert: %1 meldet die Version %2 dieses Pakets, aber der Inhalt stimmt nicht mehr (von einer anderen Sitzung gelöscht oder beschrieben); erneut installieren</translation>
    </message>
    <message>
        <source>the board stayed in the bootloader after the install</source>
        <translation>das Board blieb nach der Installation im Bootloader</translation>
    </message>
    <message>
        <source>the update will write regions: %1</source>
        <translation>das Update beschreibt die Regionen: %1</translation>
    </message>
    <message>
        <source>the answer to UPDATE_COMMIT was lost (%1); reconnecting to ask the board what it did</source>
        <translation>die Antwort auf UPDATE_COMMIT ging verloren (%1); neu verbinden, um das Board zu fragen, was es getan hat</translation>
    </message>
    <message>
        <source>the answer to UPDATE_COMMIT was lost and the board did not come back: %1</source>
        <translation>die Antwort auf UPDATE_COMMIT ging verloren und das Board kam nicht zurück: %1</translation>
    </message>
    <message>
        <source>the board did not act on UPDATE_COMMIT sent %1 times (no answer each time); the package stays staged: check the link and deploy again</source>
        <translation>das Board hat auf UPDATE_COMMIT nicht reagiert (%1-mal gesendet, jedes Mal ohne Antwort); das Paket bleibt im Staging-Bereich: Verbindung prüfen und erneut installieren</translation>
    </message>
    <message>
        <source>the board still holds this package staged and not installed: it did not receive the COMMIT; sending it again</source>
        <translation>das Board hält dieses Paket noch im Staging-Bereich, nicht installiert: es hat das COMMIT nicht erhalten; es wird erneut gesendet</translation>
    </message>
    <message>
        <source>after the lost answer to UPDATE_COMMIT the board holds only %1 of %2 bytes of the package; deploy again to resume</source>
        <translation>nach der verlorenen Antwort auf UPDATE_COMMIT hält das Board nur %1 von %2 Bytes des Pakets; erneut installieren, um fortzusetzen</translation>
    </message>
    <message>
        <source>after the lost answer to UPDATE_COMMIT the board&apos;s staging region is corrupt; deploy again (recover erases it)</source>
        <translation>nach der verlorenen Antwort auf UPDATE_COMMIT ist der Staging-Bereich des Boards beschädigt; erneut installieren (recover löscht ihn)</translation>
    </message>
    <message>
        <source>the board&apos;s staging no longer holds the package: it acted on the COMMIT; following the install</source>
        <translation>der Staging-Bereich des Boards hält das Paket nicht mehr: es hat das COMMIT ausgeführt; die Installation wird verfolgt</translation>
    </message>
    <message>
        <source>recovered from the lost answer to UPDATE_COMMIT in %1 ms (waiting %2 ms for each answer, COMMIT sent again %3 times)</source>
        <translation>von der verlorenen Antwort auf UPDATE_COMMIT in %1 ms erholt (%2 ms Wartezeit je Antwort, COMMIT %3-mal erneut gesendet)</translation>
    </message>
    <message>
        <source>the board did not install this package: the answer to UPDATE_COMMIT was lost, its staging is now empty and %1 holds %2, not this package&apos;s %3: the board&apos;s own check refused the package (deploy again to see its reason) or another session aborted the update</source>
        <translation>das Board hat dieses Paket nicht installiert: die Antwort auf UPDATE_COMMIT ging verloren, sein Staging-Bereich ist jetzt leer und %1 enthält %2, nicht die %3 dieses Pakets: die eigene Prüfung des Boards hat das Paket abgelehnt (erneut installieren, um den Grund zu sehen) oder eine andere Sitzung hat das Update abgebrochen</translation>
    </message>
</context>
<context>
    <name>piton::EraseRegionJob</name>
    <message>
        <source>Erase %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <source>erase</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>its PING does not offer ERASE</source>
        <translation>sein PING bietet ERASE nicht an</translation>
    </message>
    <message>
        <source>region %1 is protected: the board does not erase it; nothing was changed</source>
        <translation>Bereich %1 ist geschützt: das Board löscht ihn nicht; nichts wurde geändert</translation>
    </message>
    <message>
        <source>region %1 is the update staging area: it is erased by an update or by &apos;update abort&apos;, not by erase; nothing was changed</source>
        <translation>Bereich %1 ist der Staging-Bereich für Updates: er wird durch ein Update oder &apos;update abort&apos; gelöscht, nicht durch Löschen; nichts wurde geändert</translation>
    </message>
    <message>
        <source>erasing</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>erasing %1: %2..%3 (%4 bytes)</source>
        <translation>lösche %1: %2..%3 (%4 Bytes)</translation>
    </message>
</context>
<context>
    <name>piton::Job</name>
    <message>
        <source>%1: started</source>
        <translation>%1: gestartet</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: fertig</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>cancelled by the user</source>
        <translation>vom Benutzer abgebrochen</translation>
    </message>
    <message>
        <source>took the board over from another session (the board logged it)</source>
        <translation>Board von einer anderen Sitzung übernommen (das Board hat es protokolliert)</translation>
    </message>
    <message>
        <source>%1 is not available on this board (%2); nothing was changed</source>
        <translation>%1 ist auf diesem Board nicht verfügbar (%2); nichts wurde geändert</translation>
    </message>
    <message>
        <source>phase: %1</source>
        <translation>Phase: %1</translation>
    </message>
    <message>
        <source>the board refuses this without a credential: %1; waiting for one</source>
        <translation>das Board verweigert dies ohne Berechtigungsnachweis: %1; warte auf einen</translation>
    </message>
    <message>
        <source>%1; no credential was given, nothing was changed</source>
        <translation>%1; kein Berechtigungsnachweis angegeben, nichts wurde geändert</translation>
    </message>
    <message>
        <source>%1 (the credential given was not taken: %2)</source>
        <translation>%1 (der angegebene Berechtigungsnachweis wurde nicht angenommen: %2)</translation>
    </message>
    <message>
        <source>authenticated with the credential given; claiming the board again</source>
        <translation>mit dem angegebenen Berechtigungsnachweis angemeldet; belege das Board erneut</translation>
    </message>
</context>
<context>
    <name>piton::KeyUpdateJob</name>
    <message>
        <source>Key update %1</source>
        <translation>Schlüsselaktualisierung %1</translation>
    </message>
    <message>
        <source>checking the board</source>
        <translation>Platine wird geprüft</translation>
    </message>
    <message>
        <source>the key update is for board %1, this is %2; nothing was changed</source>
        <translation>die Schlüsselaktualisierung ist für Platine %1, dies ist %2; nichts wurde geändert</translation>
    </message>
    <message>
        <source>this board cannot store key updates; it keeps its provisioned keys</source>
        <translation>diese Platine kann keine Schlüsselaktualisierungen speichern; sie behält ihre provisionierten Schlüssel</translation>
    </message>
    <message>
        <source>the key update has generation %1, the board&apos;s key set is at %2: an old key set cannot be replayed; nothing was changed</source>
        <translation>die Schlüsselaktualisierung hat Generation %1, der Schlüsselsatz der Platine steht bei %2: ein alter Schlüsselsatz kann nicht wieder eingespielt werden; nichts wurde geändert</translation>
    </message>
    <message>
        <source>applying the key update</source>
        <translation>Schlüsselaktualisierung wird angewendet</translation>
    </message>
    <message>
        <source>reading the key set back</source>
        <translation>Schlüsselsatz wird zurückgelesen</translation>
    </message>
    <message>
        <source>the board reports key set generation %1 after the update, expected %2</source>
        <translation>die Platine meldet nach der Aktualisierung Schlüsselsatz-Generation %1, erwartet %2</translation>
    </message>
    <message>
        <source>key set generation %1 in force (%2 of %3 key store slots used)</source>
        <translation>Schlüsselsatz-Generation %1 in Kraft (%2 von %3 Schlüsselspeicher-Plätzen belegt)</translation>
    </message>
    <message>
        <source>%1; nothing was changed</source>
        <translation>%1; nichts wurde geändert</translation>
    </message>
    <message>
        <source>the key update revokes key %1 in the role %2, but the board trusts it in the role %3: revoke it in the role %3 instead; nothing was changed</source>
        <translation>das Schlüssel-Update widerruft Schlüssel %1 in der Rolle %2, das Board vertraut ihm aber in der Rolle %3: widerrufen Sie ihn stattdessen in der Rolle %3; nichts wurde geändert</translation>
    </message>
</context>
<context>
    <name>piton::KnownBoards</name>
    <message>
        <source>board %1 presented another identity key (%2...) than the one pinned %3 (%4...): possible man in the middle. If the board was re-provisioned, accept its new key with `piton-cli access pin --replace` (known boards: %5)</source>
        <translation>Platine %1 zeigte einen anderen Identitätsschlüssel (%2...) als den gespeicherten %3 (%4...): möglicher Man-in-the-Middle. Wurde die Platine neu provisioniert, ihren neuen Schlüssel mit `piton-cli access pin --replace` übernehmen (bekannte Platinen: %5)</translation>
    </message>
    <message>
        <source>earlier</source>
        <translation>früher</translation>
    </message>
    <message>
        <source>cannot write the known boards %1: %2</source>
        <translation>die bekannten Platinen %1 können nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>piton::ReadRegionJob</name>
    <message>
        <source>Read %1</source>
        <translation>%1 lesen</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <source>the data read differs from the device&apos;s SHA-256 of %1</source>
        <translation>die gelesenen Daten weichen vom SHA-256 des Geräts für %1 ab</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 bytes of %2 written to %3</source>
        <translation>%1 Bytes von %2 nach %3 geschrieben</translation>
    </message>
</context>
<context>
    <name>piton::RebootJob</name>
    <message>
        <source>Reboot to bootloader</source>
        <translation>Neustart in den Bootloader</translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation>Neustart</translation>
    </message>
    <message>
        <source>rebooting</source>
        <translation>Neustart</translation>
    </message>
    <message>
        <source>the board did not come back after the reboot: %1</source>
        <translation>das Board kam nach dem Neustart nicht zurück: %1</translation>
    </message>
    <message>
        <source>the board answers in application mode</source>
        <translation>das Board antwortet im Anwendungsmodus</translation>
    </message>
    <message>
        <source>the board answers in the bootloader (recovery mode)</source>
        <translation>das Board antwortet im Bootloader (Wiederherstellungsmodus)</translation>
    </message>
    <message>
        <source>the board did not stay in the bootloader</source>
        <translation>das Board blieb nicht im Bootloader</translation>
    </message>
    <message>
        <source>the answer to REBOOT was lost (%1); reconnecting to ask the board whether it reset</source>
        <translation>die Antwort auf REBOOT ging verloren (%1); neu verbinden, um das Board zu fragen, ob es neu gestartet ist</translation>
    </message>
    <message>
        <source>the answer to REBOOT was lost and the board does not answer any more on %1 (%2): check its power and its link</source>
        <translation>die Antwort auf REBOOT ging verloren und das Board antwortet auf %1 nicht mehr (%2): Stromversorgung und Verbindung prüfen</translation>
    </message>
    <message>
        <source>the board does not report its resets (INFO 0x2B): taking it as reset, since it answered after the lost answer</source>
        <translation>das Board meldet seine Resets nicht (INFO 0x2B): es gilt als neu gestartet, da es nach der verlorenen Antwort geantwortet hat</translation>
    </message>
    <message>
        <source>the board reset (resets since power-on: %1 before, %2 now): it acted on REBOOT</source>
        <translation>das Board wurde neu gestartet (Resets seit dem Einschalten: vorher %1, jetzt %2): es hat REBOOT ausgeführt</translation>
    </message>
    <message>
        <source>the board did not reset after REBOOT was sent %1 times (no answer each time): check the link and reboot again</source>
        <translation>das Board wurde nicht neu gestartet, nachdem REBOOT %1-mal gesendet wurde (jedes Mal ohne Antwort): Verbindung prüfen und erneut neu starten</translation>
    </message>
    <message>
        <source>the board did not reset (resets since power-on still %1): it never received REBOOT; sending it again</source>
        <translation>das Board wurde nicht neu gestartet (Resets seit dem Einschalten weiterhin %1): es hat REBOOT nie erhalten; REBOOT wird erneut gesendet</translation>
    </message>
    <message>
        <source>recovered from the lost answer to REBOOT in %1 ms (REBOOT sent again %2 times)</source>
        <translation>verlorene Antwort auf REBOOT in %1 ms behoben (REBOOT %2-mal erneut gesendet)</translation>
    </message>
</context>
<context>
    <name>piton::RecoverJob</name>
    <message>
        <source>Recover (diagnosis only)</source>
        <translation>Wiederherstellen (nur Diagnose)</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>cannot check whether the deployment region is erased: %1</source>
        <translation>kann nicht prüfen, ob der Deployment-Bereich gelöscht ist: %1</translation>
    </message>
    <message>
        <source>%1 (%2): a package to deploy is needed (--package FILE)</source>
        <translation>%1 (%2): ein zu installierendes Paket wird benötigt (--package DATEI)</translation>
    </message>
    <message>
        <source>%1 (%2): a config backup to restore is needed (--config-backup FILE)</source>
        <translation>%1 (%2): eine Konfigurationssicherung zum Wiederherstellen wird benötigt (--config-backup DATEI)</translation>
    </message>
    <message>
        <source>config backup %1 refused, nothing was changed: %2</source>
        <translation>Konfigurationssicherung %1 abgelehnt, nichts wurde geändert: %2</translation>
    </message>
    <message>
        <source>package %1 refused, nothing was changed: %2</source>
        <translation>Paket %1 abgelehnt, nichts wurde geändert: %2</translation>
    </message>
    <message>
        <source>erasing staging</source>
        <translation>lösche Staging</translation>
    </message>
    <message>
        <source>staging is %1 after UPDATE_ABORT, expected empty</source>
        <translation>Staging ist nach UPDATE_ABORT %1, erwartet leer</translation>
    </message>
    <message>
        <source>the bootloader stays in recovery mode after a reboot: the installed application is not valid; a package to deploy is needed (--package FILE)</source>
        <translation>der Bootloader bleibt nach einem Neustart im Wiederherstellungsmodus: die installierte Anwendung ist nicht gültig; ein zu installierendes Paket wird benötigt (--package DATEI)</translation>
    </message>
    <message>
        <source>the bootloader stays in recovery mode: the application is not valid; deploying %1</source>
        <translation>der Bootloader bleibt im Wiederherstellungsmodus: die Anwendung ist nicht gültig; installiere %1</translation>
    </message>
    <message>
        <source>unknown recovery action</source>
        <translation>unbekannte Wiederherstellungsaktion</translation>
    </message>
    <message>
        <source>diagnosing</source>
        <translation>Diagnose</translation>
    </message>
    <message>
        <source>found %1: %2</source>
        <translation>gefunden %1: %2</translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>nothing to recover</source>
        <translation>nichts wiederherzustellen</translation>
    </message>
    <message>
        <source>cannot recover, nothing was changed: %1</source>
        <translation>Wiederherstellung nicht möglich, nichts wurde geändert: %1</translation>
    </message>
    <message>
        <source>%1 (already done: %2)</source>
        <translation>%1 (bereits erledigt: %2)</translation>
    </message>
    <message>
        <source>recovering: %1</source>
        <translation>stelle wieder her: %1</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 failed after %2 had been done: %3</source>
        <translation>%1 schlug fehl, nachdem %2 erledigt war: %3</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>the board still needs recovering after %1: %2</source>
        <translation>das Board muss nach %1 noch wiederhergestellt werden: %2</translation>
    </message>
    <message>
        <source>recovered: %1</source>
        <translation>wiederhergestellt: %1</translation>
    </message>
    <message>
        <source>serial</source>
        <translation>seriell</translation>
    </message>
    <message>
        <source>recovery through the bootloader</source>
        <translation>die Wiederherstellung über den Bootloader</translation>
    </message>
    <message>
        <source>recovery through the application&apos;s agent</source>
        <translation>die Wiederherstellung über den Agenten der Anwendung</translation>
    </message>
    <message>
        <source>a locked board</source>
        <translation>einer gesperrten Platine</translation>
    </message>
    <message>
        <source>a development board</source>
        <translation>einer Entwicklungsplatine</translation>
    </message>
    <message>
        <source> (this session is %1)</source>
        <translation> (diese Sitzung ist %1)</translation>
    </message>
    <message>
        <source>%1 needs a technician session on %2 over %3%4: give a technician&apos;s credential (piton-cli --credential FILE, $PITON_CREDENTIAL or the setting access/credential); nothing was changed (the board says: %5)</source>
        <translation>%1 braucht eine Techniker-Sitzung auf %2 über %3%4: geben Sie den Berechtigungsnachweis eines Technikers an (piton-cli --credential DATEI, $PITON_CREDENTIAL oder die Einstellung access/credential); nichts wurde geändert (die Platine meldet: %5)</translation>
    </message>
</context>
<context>
    <name>piton::RecoveryLadderJob</name>
    <message>
        <source>Recover (diagnosis only)</source>
        <translation>Wiederherstellen (nur Diagnose)</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>neither Piton (%1: %2) nor the chip&apos;s ROM bootloader (%3: %4) answers. Set BOOT0 high and press reset (or power the board off and on) so that the ROM bootloader starts, then run recover again</source>
        <translation>weder Piton (%1: %2) noch der ROM-Bootloader des Chips (%3: %4) antwortet. BOOT0 auf High setzen und Reset drücken (oder das Board aus- und wieder einschalten), damit der ROM-Bootloader startet, dann recover erneut ausführen</translation>
    </message>
    <message>
        <source>the ROM bootloader was not found (probe first)</source>
        <translation>der ROM-Bootloader wurde nicht gefunden (zuerst ermitteln, was antwortet)</translation>
    </message>
    <message>
        <source>%1: a factory bundle is needed to bring the board back from the ROM (--bundle FILE); nothing was changed</source>
        <translation>%1: um das Board über das ROM zurückzuholen, wird ein Werks-Bundle benötigt (--bundle FILE); nichts wurde geändert</translation>
    </message>
    <message>
        <source>bundle %1 refused, nothing was changed: %2</source>
        <translation>Bundle %1 abgelehnt, nichts wurde geändert: %2</translation>
    </message>
    <message>
        <source>board %1 has no bootloader region</source>
        <translation>Board %1 hat keinen Bootloader-Bereich</translation>
    </message>
    <message>
        <source>the ROM reports product id 0x%1, a chip Piton does not know</source>
        <translation>das ROM meldet Produkt-ID 0x%1, einen Chip, den Piton nicht kennt</translation>
    </message>
    <message>
        <source>the bootloader region of board %1 (%2..%3) is not in the flash of the %4</source>
        <translation>der Bootloader-Bereich von Board %1 (%2..%3) liegt nicht im Flash des %4</translation>
    </message>
    <message>
        <source>its bootloader image (%1..%2) must lie in the bootloader region before the provisioning sector (%3..%4)</source>
        <translation>sein Bootloader-Abbild (%1..%2) muss im Bootloader-Bereich vor dem Provisionierungssektor liegen (%3..%4)</translation>
    </message>
    <message>
        <source>cannot read the previous provisioning block: %1</source>
        <translation>der bisherige Provisionierungsblock kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>the chip was provisioned for board &apos;%1&apos;, the bundle is for &apos;%2&apos;</source>
        <translation>der Chip wurde für Board &apos;%1&apos; provisioniert, das Bundle ist für &apos;%2&apos;</translation>
    </message>
    <message>
        <source>ROM plan: %1</source>
        <translation>ROM-Plan: %1</translation>
    </message>
    <message>
        <source>writing the bootloader through the ROM failed: %1</source>
        <translation>Schreiben des Bootloaders über das ROM fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>waiting for Piton&apos;s bootloader</source>
        <translation>warte auf den Piton-Bootloader</translation>
    </message>
    <message>
        <source>the bootloader was written and verified through the ROM and Go was sent, but Piton&apos;s bootloader does not answer on %1 (%2). Set BOOT0 low and press reset, then run recover again</source>
        <translation>der Bootloader wurde über das ROM geschrieben und geprüft und Go wurde gesendet, aber der Piton-Bootloader antwortet nicht auf %1 (%2). BOOT0 auf Low setzen und Reset drücken, dann recover erneut ausführen</translation>
    </message>
    <message>
        <source>after bring-up the board reports board id &apos;%1&apos;, expected &apos;%2&apos;</source>
        <translation>nach der Inbetriebnahme meldet das Board die Board-ID &apos;%1&apos;, erwartet &apos;%2&apos;</translation>
    </message>
    <message>
        <source>after bring-up the board does not trust key %1</source>
        <translation>nach der Inbetriebnahme vertraut das Board Schlüssel %1 nicht</translation>
    </message>
    <message>
        <source>Piton&apos;s bootloader answers: board %1, unique id %2, %3 trusted key(s)</source>
        <translation>der Piton-Bootloader antwortet: Board %1, eindeutige ID %2, %3 vertrauenswürdige(r) Schlüssel</translation>
    </message>
    <message>
        <source>the package of %1</source>
        <translation>das Paket von %1</translation>
    </message>
    <message>
        <source>cannot write a temporary file: %1</source>
        <translation>temporäre Datei kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>the config is empty and no config was given: factory defaults apply</source>
        <translation>die Konfiguration ist leer und keine Konfiguration wurde angegeben: Werkseinstellungen gelten</translation>
    </message>
    <message>
        <source>config written: %1</source>
        <translation>Konfiguration geschrieben: %1</translation>
    </message>
    <message>
        <source>the bundle&apos;s factory config</source>
        <translation>die Werkskonfiguration des Bundles</translation>
    </message>
    <message>
        <source>finding what answers</source>
        <translation>ermittle, was antwortet</translation>
    </message>
    <message>
        <source>%1 is not a ROM bootloader link (use rom+serial:PATH or dfu:)</source>
        <translation>%1 ist keine Verbindung zu einem ROM-Bootloader (rom+serial:PATH oder dfu: verwenden)</translation>
    </message>
    <message>
        <source>no Piton code answers on %1 (%2), and no ROM bootloader link derives from it: give the chip&apos;s ROM link (--rom rom+serial:PATH or --rom dfu:)</source>
        <translation>auf %1 antwortet kein Piton-Code (%2), und daraus lässt sich keine Verbindung zum ROM-Bootloader ableiten: die ROM-Verbindung des Chips angeben (--rom rom+serial:PATH oder --rom dfu:)</translation>
    </message>
    <message>
        <source>the access block does not fit the chip&apos;s provisioning sector (%1 bytes)</source>
        <translation>der Zugangsblock passt nicht in den Provisionierungssektor des Chips (%1 Bytes)</translation>
    </message>
    <message>
        <source>after bring-up the board reports %1 with %2 access key(s), expected %3 with %4</source>
        <translation>nach der Inbetriebnahme meldet die Platine %1 mit %2 Zugangsschlüssel(n), erwartet %3 mit %4</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>unlocked</source>
        <translation>entsperrt</translation>
    </message>
    <message>
        <source>ROM read at %1 failed (%2); resynchronising and asking again (%3 of %4)</source>
        <translation>ROM-Lesen bei %1 fehlgeschlagen (%2); neu synchronisieren und erneut anfragen (%3 von %4)</translation>
    </message>
    <message>
        <source>the ROM served only %1 of the %2 bytes of the provisioning sector at %3: the rest (lock word, access and key-store blocks) cannot be kept; nothing was changed; reset the board into its ROM bootloader and try again</source>
        <translation>der ROM-Bootloader lieferte nur %1 der %2 Bytes des Provisionierungssektors bei %3: der Rest (Sperrwort, Zugangs- und Schlüsselspeicherblöcke) kann nicht erhalten werden; nichts wurde geändert; setzen Sie die Platine in ihren ROM-Bootloader zurück und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>the key area changed since the plan was shown: expected SHA-256 %1, read %2 (%3 of %4 bytes at %5); nothing was changed; look at the board and run recover again to see a new plan</source>
        <translation>der Schlüsselbereich hat sich geändert, seit der Plan angezeigt wurde: erwartet SHA-256 %1, gelesen %2 (%3 von %4 Bytes bei %5); nichts wurde geändert; das Board prüfen und recover erneut ausführen, um einen neuen Plan zu sehen</translation>
    </message>
    <message>
        <source>the plan changed since it was shown (%1 differ); nothing was changed; probe again to see the new plan</source>
        <translation>der Plan hat sich geändert, seit er angezeigt wurde (%1 weichen ab); nichts wurde geändert; erneut prüfen, um den neuen Plan zu sehen</translation>
    </message>
    <message>
        <source>the key area reads as when the plan was shown (SHA-256 %1)</source>
        <translation>der Schlüsselbereich liest sich wie bei der Anzeige des Plans (SHA-256 %1)</translation>
    </message>
    <message>
        <source>the plan shown was for the chip&apos;s ROM bootloader, but now %1; nothing was changed; probe again</source>
        <translation>der angezeigte Plan galt dem ROM-Bootloader des Chips, aber jetzt %1; nichts wurde geändert; erneut prüfen</translation>
    </message>
</context>
<context>
    <name>piton::VerifyJob</name>
    <message>
        <source>Verify %1</source>
        <translation>%1 prüfen</translation>
    </message>
    <message>
        <source>verifying</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>the package is for board %1, the device is %2</source>
        <translation>das Paket ist für Board %1, das Gerät ist %2</translation>
    </message>
    <message>
        <source>%1 version differs</source>
        <translation>Version von %1 weicht ab</translation>
    </message>
    <message>
        <source>%1 content differs from the package</source>
        <translation>Inhalt von %1 weicht vom Paket ab</translation>
    </message>
</context>
<context>
    <name>piton::WriteRegionJob</name>
    <message>
        <source>Write %1</source>
        <translation>%1 schreiben</translation>
    </message>
    <message>
        <source>the image is empty; nothing was changed</source>
        <translation>das Abbild ist leer; nichts wurde geändert</translation>
    </message>
    <message>
        <source>image %1..%2 is outside region %3 (%4..%5); nothing was changed</source>
        <translation>Abbild %1..%2 liegt außerhalb des Bereichs %3 (%4..%5); nichts wurde geändert</translation>
    </message>
    <message>
        <source>raw write</source>
        <translation>direktes Schreiben</translation>
    </message>
    <message>
        <source>its PING says raw writes are off: a locked (production) board takes signed packages only</source>
        <translation>sein PING meldet direktes Schreiben als aus: ein gesperrtes (Produktions-)Board nimmt nur signierte Pakete an</translation>
    </message>
    <message>
        <source>raw write refused: region %1 is not an image region (%2); nothing was changed</source>
        <translation>direktes Schreiben abgelehnt: Bereich %1 ist kein Abbildbereich (%2); nichts wurde geändert</translation>
    </message>
    <message>
        <source>use config restore</source>
        <translation>Konfiguration wiederherstellen verwenden</translation>
    </message>
    <message>
        <source>it is written by deploy</source>
        <translation>er wird beim Installieren geschrieben</translation>
    </message>
    <message>
        <source>it is protected</source>
        <translation>er ist geschützt</translation>
    </message>
    <message>
        <source>region %1 reports no sector layout for %2..%3; nothing was changed</source>
        <translation>Bereich %1 meldet keine Sektoraufteilung für %2..%3; nichts wurde geändert</translation>
    </message>
    <message>
        <source>%1 %2..%3 was erased</source>
        <translation>%1 %2..%3 wurde gelöscht</translation>
    </message>
    <message>
        <source>erasing</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>%1; nothing was erased</source>
        <translation>%1; nichts wurde gelöscht</translation>
    </message>
    <message>
        <source>programming</source>
        <translation>Programmieren</translation>
    </message>
    <message>
        <source>%1; then the write failed: %2</source>
        <translation>%1; danach schlug das Schreiben fehl: %2</translation>
    </message>
    <message>
        <source>verifying</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>%1 and programmed; the read-back failed: %2</source>
        <translation>%1 und programmiert; das Zurücklesen schlug fehl: %2</translation>
    </message>
    <message>
        <source>%1 and programmed, but the read-back SHA-256 differs from the image</source>
        <translation>%1 und programmiert, aber der SHA-256 des Zurückgelesenen weicht vom Abbild ab</translation>
    </message>
    <message>
        <source>%1 bytes programmed at %2 and verified</source>
        <translation>%1 Bytes bei %2 programmiert und geprüft</translation>
    </message>
    <message>
        <source>the image</source>
        <translation>das Abbild</translation>
    </message>
    <message>
        <source>%1; nothing was changed</source>
        <translation>%1; nichts wurde geändert</translation>
    </message>
</context>
<context>
    <name>piton::gui::CredentialPrompt</name>
    <message>
        <source>Choose a credential file (.ptcred, made with piton-cli access issue) that grants this role to go on, or cancel: nothing on the board has changed.</source>
        <translation>Wählen Sie eine Berechtigungsnachweis-Datei (.ptcred, erstellt mit piton-cli access issue), die diese Rolle gewährt, um fortzufahren, oder brechen Sie ab: auf dem Board wurde nichts geändert.</translation>
    </message>
    <message>
        <source>&amp;Choose credential file…</source>
        <translation>Berechtigungsnachweis-Datei &amp;wählen…</translation>
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
    <message>
        <source>frames: %1 sent, %2 received; reading the new state: %3 sent, %4 received</source>
        <translation>Frames: %1 gesendet, %2 empfangen; neuen Zustand lesen: %3 gesendet, %4 empfangen</translation>
    </message>
    <message>
        <source>the board does not take the credential %1: %2</source>
        <translation>Das Board nimmt den Berechtigungsnachweis %1 nicht an: %2</translation>
    </message>
    <message>
        <source>pinned the board&apos;s identity key %1</source>
        <translation>Identitätsschlüssel des Boards %1 festgehalten</translation>
    </message>
</context>
<context>
    <name>piton::gui::ErrorBanner</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the message to the clipboard</source>
        <translation>Meldung in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>piton::gui::KeysPage</name>
    <message>
        <source>The board&apos;s key set</source>
        <translation>Schlüsselsatz der Platine</translation>
    </message>
    <message>
        <source>Connect a board to see the keys it trusts.</source>
        <translation>Eine Platine verbinden, um die Schlüssel zu sehen, denen sie vertraut.</translation>
    </message>
    <message>
        <source>Build a key update</source>
        <translation>Schlüsselaktualisierung erstellen</translation>
    </message>
    <message>
        <source>The board takes a key update only when its generation is above the board&apos;s</source>
        <translation>Die Platine nimmt eine Schlüsselaktualisierung nur an, wenn deren Generation über ihrer eigenen liegt</translation>
    </message>
    <message>
        <source>Board:</source>
        <translation>Platine:</translation>
    </message>
    <message>
        <source>Generation:</source>
        <translation>Generation:</translation>
    </message>
    <message>
        <source>Root key (private):</source>
        <translation>Root-Schlüssel (privat):</translation>
    </message>
    <message>
        <source>signs the key update; keep it offline</source>
        <translation>signiert die Schlüsselaktualisierung; offline aufbewahren</translation>
    </message>
    <message>
        <source>Add package key:</source>
        <translation>Paketschlüssel hinzufügen:</translation>
    </message>
    <message>
        <source>public key of a new release key</source>
        <translation>öffentlicher Schlüssel eines neuen Release-Schlüssels</translation>
    </message>
    <message>
        <source>Revoke package key:</source>
        <translation>Paketschlüssel widerrufen:</translation>
    </message>
    <message>
        <source>public key file or fingerprint</source>
        <translation>Datei mit öffentlichem Schlüssel oder Fingerabdruck</translation>
    </message>
    <message>
        <source>Add access key:</source>
        <translation>Zugangsschlüssel hinzufügen:</translation>
    </message>
    <message>
        <source>public key of a new access key</source>
        <translation>öffentlicher Schlüssel eines neuen Zugangsschlüssels</translation>
    </message>
    <message>
        <source>Revoke access key:</source>
        <translation>Zugangsschlüssel widerrufen:</translation>
    </message>
    <message>
        <source>New product key (private):</source>
        <translation>Neuer Produktschlüssel (privat):</translation>
    </message>
    <message>
        <source>optional: replaces the board&apos;s product key</source>
        <translation>optional: ersetzt den Produktschlüssel der Platine</translation>
    </message>
    <message>
        <source>Current product key (public):</source>
        <translation>Aktueller Produktschlüssel (öffentlich):</translation>
    </message>
    <message>
        <source>the new one travels wrapped to it</source>
        <translation>der neue reist für ihn verschlüsselt</translation>
    </message>
    <message>
        <source>&amp;Build key update…</source>
        <translation>Schlüsselaktualisierung &amp;erstellen…</translation>
    </message>
    <message>
        <source>&amp;Apply to the board…</source>
        <translation>Auf die Platine &amp;anwenden…</translation>
    </message>
    <message>
        <source>Sends a key update file to the connected board (a factory credential where the access policy applies)</source>
        <translation>Sendet eine Schlüsselaktualisierungsdatei an die verbundene Platine (ein Werks-Berechtigungsnachweis, wo die Zugriffsrichtlinie gilt)</translation>
    </message>
    <message>
        <source>This board does not report a key set: it keeps its provisioned keys and takes no key updates.</source>
        <translation>Diese Platine meldet keinen Schlüsselsatz: sie behält ihre provisionierten Schlüssel und nimmt keine Schlüsselaktualisierungen an.</translation>
    </message>
    <message>
        <source>Key set generation %1%2; key store: %3 of %4 slots used</source>
        <translation>Schlüsselsatz-Generation %1%2; Schlüsselspeicher: %3 von %4 Plätzen belegt</translation>
    </message>
    <message>
        <source> (as provisioned)</source>
        <translation> (wie provisioniert)</translation>
    </message>
    <message>
        <source>package key:  %1</source>
        <translation>Paketschlüssel:  %1</translation>
    </message>
    <message>
        <source>root key:     %1</source>
        <translation>Root-Schlüssel: %1</translation>
    </message>
    <message>
        <source>access key:   %1</source>
        <translation>Zugangsschlüssel: %1</translation>
    </message>
    <message>
        <source>product key:  %1</source>
        <translation>Produktschlüssel: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>revoked:      %1 (%2 key)</source>
        <translation>widerrufen:   %1 (%2-Schlüssel)</translation>
    </message>
    <message>
        <source>Key update not built: choose the root key that signs it.</source>
        <translation>Schlüsselaktualisierung nicht erstellt: den Root-Schlüssel wählen, der sie signiert.</translation>
    </message>
    <message>
        <source>building the key update…</source>
        <translation>Schlüsselaktualisierung wird erstellt…</translation>
    </message>
    <message>
        <source>Key update not built: %1</source>
        <translation>Schlüsselaktualisierung nicht erstellt: %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Key update for board %1, generation %2, written to %3 (%4 bytes), signed by root key %5:</source>
        <translation>Schlüsselaktualisierung für Platine %1, Generation %2, geschrieben nach %3 (%4 Bytes), signiert mit Root-Schlüssel %5:</translation>
    </message>
    <message>
        <source>  %1 %2 key %3</source>
        <translation>  %1 %2-Schlüssel %3</translation>
    </message>
    <message>
        <source>add</source>
        <translation>hinzufügen</translation>
    </message>
    <message>
        <source>revoke</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <source>Add root key (private):</source>
        <translation>Root-Schlüssel hinzufügen (privat):</translation>
    </message>
    <message>
        <source>optional: a new root key; it co-signs the update as proof of possession</source>
        <translation>optional: ein neuer Root-Schlüssel; er signiert die Aktualisierung als Besitznachweis mit</translation>
    </message>
    <message>
        <source>Revoke root key:</source>
        <translation>Root-Schlüssel widerrufen:</translation>
    </message>
    <message>
        <source>public key file or fingerprint; at least one root key stays</source>
        <translation>Datei des öffentlichen Schlüssels oder Fingerabdruck; mindestens ein Root-Schlüssel bleibt</translation>
    </message>
</context>
<context>
    <name>piton::gui::LineCharts</name>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Boards per slot this shift</source>
        <translation>Platinen je Steckplatz in dieser Schicht</translation>
    </message>
    <message>
        <source>slot</source>
        <translation>Steckplatz</translation>
    </message>
    <message>
        <source>boards per hour</source>
        <translation>Platinen pro Stunde</translation>
    </message>
    <message>
        <source>Boards per hour</source>
        <translation>Platinen pro Stunde</translation>
    </message>
    <message>
        <source>minutes into the shift</source>
        <translation>Minuten seit Schichtbeginn</translation>
    </message>
</context>
<context>
    <name>piton::gui::LineLoginDialog</name>
    <message>
        <source>Log in to the line</source>
        <translation>An der Linie anmelden</translation>
    </message>
    <message>
        <source>Operators run released recipes; engineers also release them and edit the set-up.</source>
        <translation>Bediener führen freigegebene Rezepte aus; Ingenieure geben sie außerdem frei und bearbeiten die Einrichtung.</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
</context>
<context>
    <name>piton::gui::LinePage</name>
    <message>
        <source>Mode:</source>
        <translation>Modus:</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>Ingenieur</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <source>Operator: released recipes only, set-up locked, the other pages locked</source>
        <translation>Bediener: nur freigegebene Rezepte, Einrichtung gesperrt, die anderen Seiten gesperrt</translation>
    </message>
    <message>
        <source>Start all</source>
        <translation>Alle starten</translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>Alle anhalten</translation>
    </message>
    <message>
        <source>Station set-up</source>
        <translation>Einrichtung der Station</translation>
    </message>
    <message>
        <source>Recipe:</source>
        <translation>Rezept:</translation>
    </message>
    <message>
        <source>a released recipe file (.json)</source>
        <translation>eine freigegebene Rezeptdatei (.json)</translation>
    </message>
    <message>
        <source>sqlite:PATH</source>
        <translation>sqlite:PFAD</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>Station:</source>
        <translation>Station:</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>Bediener:</translation>
    </message>
    <message>
        <source>one slot a line: serial:/dev/serial/by-path/..., tcp:HOST:PORT, usb:?path=1-2.3</source>
        <translation>ein Steckplatz je Zeile: serial:/dev/serial/by-path/..., tcp:HOST:PORT, usb:?path=1-2.3</translation>
    </message>
    <message>
        <source>Slots:</source>
        <translation>Steckplätze:</translation>
    </message>
    <message>
        <source>Release recipe</source>
        <translation>Rezept freigeben</translation>
    </message>
    <message>
        <source>Barcode:</source>
        <translation>Barcode:</translation>
    </message>
    <message>
        <source>scan here: the code goes to the selected slot</source>
        <translation>hier scannen: der Code gilt für den gewählten Steckplatz</translation>
    </message>
    <message>
        <source>New shift</source>
        <translation>Neue Schicht</translation>
    </message>
    <message>
        <source>Set the counters and charts to zero</source>
        <translation>Zähler und Diagramme auf null setzen</translation>
    </message>
    <message>
        <source>Line: operator mode</source>
        <translation>Linie: Bedienermodus</translation>
    </message>
    <message>
        <source>Line: engineer mode</source>
        <translation>Linie: Ingenieurmodus</translation>
    </message>
    <message>
        <source>Choose a recipe file and a database.</source>
        <translation>Wählen Sie eine Rezeptdatei und eine Datenbank.</translation>
    </message>
    <message>
        <source>Recipe refused: %1</source>
        <translation>Rezept abgelehnt: %1</translation>
    </message>
    <message>
        <source>%1 %2 for %3, SHA-256 %4</source>
        <translation>%1 %2 für %3, SHA-256 %4</translation>
    </message>
    <message>
        <source>released in this database</source>
        <translation>in dieser Datenbank freigegeben</translation>
    </message>
    <message>
        <source>not released in this database: %1</source>
        <translation>in dieser Datenbank nicht freigegeben: %1</translation>
    </message>
    <message>
        <source>Not released: %1</source>
        <translation>Nicht freigegeben: %1</translation>
    </message>
    <message>
        <source>Released %1 %2 (SHA-256 %3)</source>
        <translation>%1 %2 freigegeben (SHA-256 %3)</translation>
    </message>
    <message>
        <source>Line: recipe %1 %2 released by %3 (SHA-256 %4)</source>
        <translation>Linie: Rezept %1 %2 freigegeben von %3 (SHA-256 %4)</translation>
    </message>
    <message>
        <source>Give at least one slot (one link URI a line).</source>
        <translation>Geben Sie mindestens einen Steckplatz an (eine Verbindungs-URI je Zeile).</translation>
    </message>
    <message>
        <source>Checking the recipe, its packages and the database...</source>
        <translation>Rezept, Pakete und Datenbank werden geprüft...</translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation>Nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Line: not started: %1</source>
        <translation>Linie: nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Running %1 %2 on %3 slots (%4 attempts of an earlier run were interrupted)</source>
        <translation>%1 %2 läuft auf %3 Steckplätzen (%4 Versuche eines früheren Laufs wurden unterbrochen)</translation>
    </message>
    <message>
        <source>Running %1 %2 on %3 slots</source>
        <translation>%1 %2 läuft auf %3 Steckplätzen</translation>
    </message>
    <message>
        <source>Line: station %1 started, recipe %2 %3, %4 slots, operator %5</source>
        <translation>Linie: Station %1 gestartet, Rezept %2 %3, %4 Steckplätze, Bediener %5</translation>
    </message>
    <message>
        <source>Stopping: running attempts end at their next safe point...</source>
        <translation>Wird angehalten: laufende Versuche enden am nächsten sicheren Punkt...</translation>
    </message>
    <message>
        <source>Stopped: %1 boards, %2 passed, %3 failed, %4 aborted</source>
        <translation>Angehalten: %1 Platinen, %2 bestanden, %3 fehlgeschlagen, %4 abgebrochen</translation>
    </message>
    <message>
        <source>Line: station stopped: %1 boards, %2 passed, %3 failed, %4 aborted</source>
        <translation>Linie: Station angehalten: %1 Platinen, %2 bestanden, %3 fehlgeschlagen, %4 abgebrochen</translation>
    </message>
    <message>
        <source>Line: slot %1 started</source>
        <translation>Linie: Steckplatz %1 gestartet</translation>
    </message>
    <message>
        <source>Line: slot %1 stopped</source>
        <translation>Linie: Steckplatz %1 angehalten</translation>
    </message>
    <message>
        <source>Line: slot %1: board %2 passed this recipe before (not run again)</source>
        <translation>Linie: Steckplatz %1: Platine %2 hat dieses Rezept bereits bestanden (nicht erneut ausgeführt)</translation>
    </message>
    <message>
        <source>Line: slot %1: board %2 passed, serial %3</source>
        <translation>Linie: Steckplatz %1: Platine %2 bestanden, Seriennummer %3</translation>
    </message>
    <message>
        <source>Line: slot %1: board %2 %3 at %4: %5</source>
        <translation>Linie: Steckplatz %1: Platine %2 %3 bei %4: %5</translation>
    </message>
    <message>
        <source>Line: slot %1: the scanned code %2 differs from the board&apos;s serial %3</source>
        <translation>Linie: Steckplatz %1: der gescannte Code %2 weicht von der Seriennummer der Platine %3 ab</translation>
    </message>
    <message>
        <source>Line: slot %1: %2</source>
        <translation>Linie: Steckplatz %1: %2</translation>
    </message>
    <message>
        <source>Scanned %1, but no slot is selected: click a slot first</source>
        <translation>%1 gescannt, aber kein Steckplatz gewählt: klicken Sie zuerst auf einen Steckplatz</translation>
    </message>
    <message>
        <source>Line: scanned %1 with no slot selected</source>
        <translation>Linie: %1 gescannt, ohne gewählten Steckplatz</translation>
    </message>
    <message>
        <source>Line: slot %1: scanned %2</source>
        <translation>Linie: Steckplatz %1: %2 gescannt</translation>
    </message>
    <message>
        <source>Line: slot %1: scanned %2, matches the board&apos;s serial</source>
        <translation>Linie: Steckplatz %1: %2 gescannt, stimmt mit der Seriennummer der Platine überein</translation>
    </message>
    <message>
        <source>Line: slot %1: scanned %2, but the board&apos;s serial is %3</source>
        <translation>Linie: Steckplatz %1: %2 gescannt, aber die Seriennummer der Platine ist %3</translation>
    </message>
    <message>
        <source>Passed: %1</source>
        <translation>Bestanden: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>First-pass yield: -</source>
        <translation>Erstausbeute: -</translation>
    </message>
    <message>
        <source>First-pass yield: %1 %</source>
        <translation>Erstausbeute: %1 %</translation>
    </message>
    <message>
        <source>Boards/hour: %1</source>
        <translation>Platinen/Stunde: %1</translation>
    </message>
    <message>
        <source>Line: new shift, counters set to zero</source>
        <translation>Linie: neue Schicht, Zähler auf null gesetzt</translation>
    </message>
    <message>
        <source>Log in...</source>
        <translation>Anmelden...</translation>
    </message>
    <message>
        <source>Checking the account %1...</source>
        <translation>Konto %1 wird geprüft...</translation>
    </message>
    <message>
        <source>Not logged in: %1</source>
        <translation>Nicht angemeldet: %1</translation>
    </message>
    <message>
        <source>Line: log-in of %1 refused: %2</source>
        <translation>Linie: Anmeldung von %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>%1 (engineer)</source>
        <translation>%1 (Ingenieur)</translation>
    </message>
    <message>
        <source>%1 (operator)</source>
        <translation>%1 (Bediener)</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Logged in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>Line: %1 logged in (%2)</source>
        <translation>Linie: %1 angemeldet (%2)</translation>
    </message>
    <message>
        <source>Line: %1 logged out</source>
        <translation>Linie: %1 abgemeldet</translation>
    </message>
    <message>
        <source>Engineer mode needs an engineer to log in</source>
        <translation>Der Ingenieurmodus erfordert die Anmeldung eines Ingenieurs</translation>
    </message>
    <message>
        <source>Line: slot %1: scanned %2 for the board&apos;s identifier</source>
        <translation>Linie: Steckplatz %1: %2 als Kennung der Platine gescannt</translation>
    </message>
    <message>
        <source>Line: board %1 needs checking: %2</source>
        <translation>Linie: Platine %1 muss geprüft werden: %2</translation>
    </message>
    <message>
        <source>Logged in as %1 (offline)</source>
        <translation>Angemeldet als %1 (offline)</translation>
    </message>
    <message>
        <source>Offline: working on the local journal. The server is unreachable (%1); %2 was checked against the journal&apos;s copy of the accounts of %3.</source>
        <translation>Offline: Arbeit mit dem lokalen Journal. Der Server ist nicht erreichbar (%1); %2 wurde gegen die Kopie der Konten im Journal vom %3 geprüft.</translation>
    </message>
    <message>
        <source>Line: %1 logged in (%2) offline, against the copy of the accounts in %3: %4</source>
        <translation>Linie: %1 offline angemeldet (%2), gegen die Kopie der Konten in %3: %4</translation>
    </message>
    <message>
        <source>Offline: working on the local journal %1. The server is unreachable (%2); records catch up when it is back.</source>
        <translation>Offline: Arbeit mit dem lokalen Journal %1. Der Server ist nicht erreichbar (%2); die Datensätze werden nachgetragen, sobald er zurück ist.</translation>
    </message>
    <message>
        <source>Offline: working on the local journal %1. The server is unreachable (%2); %3 records wait for it.</source>
        <translation>Offline: Arbeit mit dem lokalen Journal %1. Der Server ist nicht erreichbar (%2); %3 Datensätze warten auf ihn.</translation>
    </message>
    <message>
        <source>Line: the database server is unreachable, working on the local journal: %1</source>
        <translation>Linie: der Datenbankserver ist nicht erreichbar, Arbeit mit dem lokalen Journal: %1</translation>
    </message>
    <message>
        <source>Line: the database server is back; the journal&apos;s records catch up</source>
        <translation>Linie: der Datenbankserver ist zurück; die Datensätze des Journals werden nachgetragen</translation>
    </message>
    <message>
        <source>Slot:</source>
        <translation>Steckplatz:</translation>
    </message>
    <message>
        <source>The selected slot: the next scanned code goes to it (Up and Down in the barcode field change it too)</source>
        <translation>Der gewählte Steckplatz: der nächste gescannte Code geht an ihn (Auf und Ab im Barcode-Feld wechseln ihn ebenfalls)</translation>
    </message>
    <message>
        <source>Ctrl+B puts the cursor here; Up and Down choose the previous or next slot</source>
        <translation>Strg+B setzt den Cursor hierher; Auf und Ab wählen den vorigen oder nächsten Steckplatz</translation>
    </message>
    <message>
        <source>Start every slot (F9)</source>
        <translation>Alle Steckplätze starten (F9)</translation>
    </message>
    <message>
        <source>Stop every slot: running attempts end at their next safe point (Shift+F9)</source>
        <translation>Alle Steckplätze anhalten: laufende Versuche enden am nächsten sicheren Punkt (Umschalt+F9)</translation>
    </message>
    <message>
        <source>Record the recipe (its SHA-256) as released in the database; operators can run only released recipes (Ctrl+R)</source>
        <translation>Das Rezept (seinen SHA-256) in der Datenbank als freigegeben eintragen; Bediener können nur freigegebene Rezepte ausführen (Strg+R)</translation>
    </message>
    <message>
        <source>Releasing...</source>
        <translation>Wird freigegeben...</translation>
    </message>
    <message>
        <source>Line: recipe not released: %1</source>
        <translation>Linie: Rezept nicht freigegeben: %1</translation>
    </message>
    <message>
        <source>The recipe is being released: start when the release is done.</source>
        <translation>Das Rezept wird gerade freigegeben: starten Sie, wenn die Freigabe fertig ist.</translation>
    </message>
</context>
<context>
    <name>piton::gui::LineSlotTile</name>
    <message>
        <source>EMPTY</source>
        <translation>LEER</translation>
    </message>
    <message>
        <source>BOARD FOUND</source>
        <translation>PLATINE ERKANNT</translation>
    </message>
    <message>
        <source>RUNNING</source>
        <translation>LÄUFT</translation>
    </message>
    <message>
        <source>PASSED (BEFORE)</source>
        <translation>BESTANDEN (FRÜHER)</translation>
    </message>
    <message>
        <source>PASSED</source>
        <translation>BESTANDEN</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>REMOVED</source>
        <translation>ENTNOMMEN</translation>
    </message>
    <message>
        <source>STOPPED</source>
        <translation>ANGEHALTEN</translation>
    </message>
    <message>
        <source>NOT STARTED</source>
        <translation>NICHT GESTARTET</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Slot %1</source>
        <translation>Steckplatz %1</translation>
    </message>
    <message>
        <source>step 0 of %1</source>
        <translation>Schritt 0 von %1</translation>
    </message>
    <message>
        <source>step %1 of %2: %3</source>
        <translation>Schritt %1 von %2: %3</translation>
    </message>
    <message>
        <source>step %1 of %2: %3 (retry)</source>
        <translation>Schritt %1 von %2: %3 (Wiederholung)</translation>
    </message>
    <message>
        <source>%1 failed, retrying: %2</source>
        <translation>%1 fehlgeschlagen, wird wiederholt: %2</translation>
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
        <source>passed this recipe before; not run again</source>
        <translation>hat dieses Rezept bereits bestanden; nicht erneut ausgeführt</translation>
    </message>
    <message>
        <source>all steps passed</source>
        <translation>alle Schritte bestanden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>stopped during the attempt</source>
        <translation>während des Versuchs angehalten</translation>
    </message>
    <message>
        <source>failed at %1</source>
        <translation>fehlgeschlagen bei %1</translation>
    </message>
    <message>
        <source>serial: -</source>
        <translation>Seriennummer: -</translation>
    </message>
    <message>
        <source>serial: %1</source>
        <translation>Seriennummer: %1</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop this slot (a running attempt is aborted and recorded)</source>
        <translation>Diesen Steckplatz anhalten (ein laufender Versuch wird abgebrochen und aufgezeichnet)</translation>
    </message>
    <message>
        <source>Start this slot</source>
        <translation>Diesen Steckplatz starten</translation>
    </message>
    <message>
        <source>scanned: %1</source>
        <translation>gescannt: %1</translation>
    </message>
    <message>
        <source>scanned %1: matches the serial</source>
        <translation>%1 gescannt: stimmt mit der Seriennummer überein</translation>
    </message>
    <message>
        <source>scanned %1: the board&apos;s serial is %2</source>
        <translation>%1 gescannt: die Seriennummer der Platine ist %2</translation>
    </message>
    <message>
        <source>SCAN BARCODE</source>
        <translation>BARCODE SCANNEN</translation>
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
    <message>
        <source>Signer&apos;s public key (for packages that do not name it):</source>
        <translation>Öffentlicher Schlüssel des Signierers (für Pakete, die ihn nicht nennen):</translation>
    </message>
    <message>
        <source>optional: public key .pem</source>
        <translation>optional: öffentlicher Schlüssel .pem</translation>
    </message>
    <message>
        <source>Signer: key %1, trusted by this board
</source>
        <translation>Signierer: Schlüssel %1, dem dieses Board vertraut
</translation>
    </message>
    <message>
        <source>Signer: not named in the package and no public key given: the board checks it after the package is sent
</source>
        <translation>Signierer: im Paket nicht genannt und kein öffentlicher Schlüssel angegeben: das Board prüft ihn erst, nachdem das Paket gesendet wurde
</translation>
    </message>
    <message>
        <source>language %1 is used from the next start</source>
        <translation>Sprache %1 gilt ab dem nächsten Start</translation>
    </message>
    <message>
        <source>The new language is used from the next start of Piton.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von Piton.</translation>
    </message>
    <message>
        <source>Close Piton</source>
        <translation>Piton schließen</translation>
    </message>
    <message>
        <source>The %1 is still running. Closing cancels it; the board keeps what it already has (an update can be resumed later).

Close anyway?</source>
        <translation>Der Vorgang „%1“ läuft noch. Schließen bricht ihn ab; das Board behält, was es schon hat (ein Update kann später fortgesetzt werden).

Trotzdem schließen?</translation>
    </message>
    <message>
        <source>close cancelled: %1 goes on</source>
        <translation>Schließen abgebrochen: %1 läuft weiter</translation>
    </message>
    <message>
        <source>closing: cancelling %1</source>
        <translation>Schließen: %1 wird abgebrochen</translation>
    </message>
    <message>
        <source>Export board history</source>
        <translation>Board-Verlauf exportieren</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation>Verbindung nicht möglich</translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation>Verbindung fehlgeschlagen</translation>
    </message>
    <message>
        <source>board history: %1</source>
        <translation>Board-Verlauf: %1</translation>
    </message>
    <message>
        <source>history of board %1 exported to %2</source>
        <translation>Verlauf von Board %1 nach %2 exportiert</translation>
    </message>
    <message>
        <source>refreshing the device state</source>
        <translation>Gerätezustand wird neu gelesen</translation>
    </message>
    <message>
        <source>Piton help</source>
        <translation>Piton-Hilfe</translation>
    </message>
    <message>
        <source>About Piton</source>
        <translation>Über Piton</translation>
    </message>
    <message>
        <source>Cannot use this package</source>
        <translation>Dieses Paket ist nicht verwendbar</translation>
    </message>
    <message>
        <source>Update refused, nothing was sent</source>
        <translation>Update abgelehnt, nichts wurde gesendet</translation>
    </message>
    <message>
        <source>Connect to a device before restoring its config.</source>
        <translation>Verbinden Sie sich mit einem Gerät, bevor Sie seine Konfiguration wiederherstellen.</translation>
    </message>
    <message>
        <source>Choose a factory bundle</source>
        <translation>Werks-Bundle wählen</translation>
    </message>
    <message>
        <source>Factory bundles (*.ptfb);;All files (*)</source>
        <translation>Werks-Bundles (*.ptfb);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Line</source>
        <translation>&amp;Linie</translation>
    </message>
    <message>
        <source>Choose a recipe</source>
        <translation>Rezept wählen</translation>
    </message>
    <message>
        <source>Recipes (*.json);;All files (*)</source>
        <translation>Rezepte (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose the line database</source>
        <translation>Datenbank der Linie wählen</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Access:</source>
        <translation>Zugriff:</translation>
    </message>
    <message>
        <source>observer</source>
        <translation>Beobachter (observer)</translation>
    </message>
    <message>
        <source>technician</source>
        <translation>Techniker (technician)</translation>
    </message>
    <message>
        <source>factory</source>
        <translation>Fabrik (factory)</translation>
    </message>
    <message>
        <source>policy enforced; this session: %1</source>
        <translation>Zugriffsregeln aktiv; diese Sitzung: %1</translation>
    </message>
    <message>
        <source>Credential needed</source>
        <translation>Berechtigungsnachweis nötig</translation>
    </message>
    <message>
        <source>Choose a credential</source>
        <translation>Berechtigungsnachweis wählen</translation>
    </message>
    <message>
        <source>Piton credentials (*.ptcred);;All files (*)</source>
        <translation>Piton-Berechtigungsnachweise (*.ptcred);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>credential %1 chosen; connecting again</source>
        <translation>Berechtigungsnachweis %1 gewählt; neue Verbindung</translation>
    </message>
    <message>
        <source>%1 compressed and encrypted</source>
        <translation>%1 komprimiert und verschlüsselt</translation>
    </message>
    <message>
        <source>%1 compressed</source>
        <translation>%1 komprimiert</translation>
    </message>
    <message>
        <source>%1 encrypted</source>
        <translation>%1 verschlüsselt</translation>
    </message>
    <message>
        <source>Payload: %1 %2 → region %3 at offset %4, %5 image, %6</source>
        <translation>Nutzlast: %1 %2 → Region %3 an Offset %4, %5 Abbild, %6</translation>
    </message>
    <message>
        <source>Device k&amp;eys</source>
        <translation>Platinen&amp;schlüssel</translation>
    </message>
    <message>
        <source>Key update</source>
        <translation>Schlüsselaktualisierung</translation>
    </message>
    <message>
        <source>Apply the key update %1 to the board? It changes which keys the board trusts.</source>
        <translation>Die Schlüsselaktualisierung %1 auf die Platine anwenden? Sie ändert, welchen Schlüsseln die Platine vertraut.</translation>
    </message>
    <message>
        <source>key update</source>
        <translation>Schlüsselaktualisierung</translation>
    </message>
    <message>
        <source>no access key on the board: changes only over serial or USB (physical access); read-only over TCP</source>
        <translation>kein Zugangsschlüssel auf dem Board: Änderungen nur über seriell oder USB (physischer Zugang); über TCP nur lesbar</translation>
    </message>
    <message>
        <source>read-only over TCP: changes need a technician session over TCP; this board trusts no access key: provision one with --trust-access-key</source>
        <translation>über TCP nur lesbar: Änderungen brauchen über TCP eine Techniker-Sitzung; dieses Board vertraut keinem Zugangsschlüssel: einen mit --trust-access-key provisionieren</translation>
    </message>
    <message>
        <source>open (no access policy on the board)</source>
        <translation>offen (keine Zugriffsrichtlinie auf dem Board)</translation>
    </message>
    <message>
        <source>Read-only board</source>
        <translation>Board nur lesbar</translation>
    </message>
    <message>
        <source>This board enforces an access policy: changing it needs a session with a credential</source>
        <translation>Dieses Board setzt eine Zugriffsrichtlinie durch: Änderungen brauchen eine Sitzung mit Berechtigungsnachweis</translation>
    </message>
    <message>
        <source>%1 waits for a credential: %2</source>
        <translation>%1 wartet auf einen Berechtigungsnachweis: %2</translation>
    </message>
    <message>
        <source>%1: the board refuses it without a credential. The board says: %2</source>
        <translation>%1: das Board verweigert dies ohne Berechtigungsnachweis. Das Board meldet: %2</translation>
    </message>
    <message>
        <source>credential %1 chosen; the operation goes on</source>
        <translation>Berechtigungsnachweis %1 gewählt; der Vorgang läuft weiter</translation>
    </message>
    <message>
        <source>no credential given: cancelling</source>
        <translation>kein Berechtigungsnachweis angegeben: breche ab</translation>
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
    <message>
        <source>Signer: %1</source>
        <translation>Signierer: %1</translation>
    </message>
    <message>
        <source>Signer: not named in the package (made by an older Piton)</source>
        <translation>Signierer: im Paket nicht genannt (von einem älteren Piton erstellt)</translation>
    </message>
    <message>
        <source>Signer: key %1 (the signature verifies under it)</source>
        <translation>Signierer: Schlüssel %1 (die Signatur ist unter ihm gültig)</translation>
    </message>
    <message>
        <source>Signature against a key of yours: not checked (choose a public key to check it)</source>
        <translation>Signatur gegen einen eigenen Schlüssel: nicht geprüft (öffentlichen Schlüssel wählen, um sie zu prüfen)</translation>
    </message>
    <message>
        <source>    LZ4-compressed: %1 bytes stored (%2 % of the image)</source>
        <translation>    LZ4-komprimiert: %1 Bytes gespeichert (%2 % des Abbilds)</translation>
    </message>
    <message>
        <source>LZ4 where it saves at least 1/8</source>
        <translation>LZ4, wo es mindestens 1/8 spart</translation>
    </message>
    <message>
        <source>LZ4 always</source>
        <translation>LZ4 immer</translation>
    </message>
    <message>
        <source>Off (readable by bootloaders before compression)</source>
        <translation>Aus (lesbar für Bootloader ohne Kompression)</translation>
    </message>
    <message>
        <source>Compressed payloads travel and stage faster; the bootloader decompresses while installing</source>
        <translation>Komprimierte Nutzdaten werden schneller übertragen und bereitgestellt; der Bootloader entpackt sie beim Installieren</translation>
    </message>
    <message>
        <source>Compression:</source>
        <translation>Kompression:</translation>
    </message>
    <message>
        <source>Encrypted: key block unreadable: %1</source>
        <translation>Verschlüsselt: Schlüsselblock nicht lesbar: %1</translation>
    </message>
    <message numerus="yes">
        <source>Encrypted (AES-256-CTR), content key wrapped to %n key(s):</source>
        <translation>
            <numerusform>Verschlüsselt (AES-256-CTR), Inhaltsschlüssel verpackt für %n Schlüssel:</numerusform>
            <numerusform>Verschlüsselt (AES-256-CTR), Inhaltsschlüssel verpackt für %n Schlüssel:</numerusform>
        </translation>
    </message>
    <message>
        <source>    product key %1</source>
        <translation>    Produktschlüssel %1</translation>
    </message>
    <message>
        <source>    device key %1</source>
        <translation>    Geräteschlüssel %1</translation>
    </message>
    <message>
        <source>product public key (.pem); empty: not encrypted</source>
        <translation>öffentlicher Produktschlüssel (.pem); leer: nicht verschlüsselt</translation>
    </message>
    <message>
        <source>Encrypts the payloads (AES-256-CTR) with a random content key wrapped to this product key; boards provisioned with its private half decrypt while installing</source>
        <translation>Verschlüsselt die Nutzdaten (AES-256-CTR) mit einem zufälligen Inhaltsschlüssel, der für diesen Produktschlüssel verpackt wird; Platinen mit dessen privater Hälfte entschlüsseln beim Installieren</translation>
    </message>
    <message>
        <source>Encrypt to:</source>
        <translation>Verschlüsseln für:</translation>
    </message>
    <message>
        <source>device public keys (.pem), separated by ; (optional)</source>
        <translation>öffentliche Geräteschlüssel (.pem), getrennt durch ; (optional)</translation>
    </message>
    <message>
        <source>Also wraps the content key to these device keys (needs a product key)</source>
        <translation>Verpackt den Inhaltsschlüssel zusätzlich für diese Geräteschlüssel (benötigt einen Produktschlüssel)</translation>
    </message>
    <message>
        <source>Device keys:</source>
        <translation>Geräteschlüssel:</translation>
    </message>
    <message>
        <source>device keys are extra recipients: choose the product key to encrypt to as well</source>
        <translation>Geräteschlüssel sind zusätzliche Empfänger: wählen Sie auch den Produktschlüssel, für den verschlüsselt wird</translation>
    </message>
</context>
<context>
    <name>piton::gui::RecoverPage</name>
    <message>
        <source>No device connected</source>
        <translation>Kein Gerät verbunden</translation>
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
    <message>
        <source>When the board does not answer: the recovery ladder</source>
        <translation>Wenn das Board nicht antwortet: Wiederherstellung in Stufen</translation>
    </message>
    <message>
        <source>the board&apos;s link, e.g. serial:/dev/ttyUSB0</source>
        <translation>Verbindung des Boards, z. B. serial:/dev/ttyUSB0</translation>
    </message>
    <message>
        <source>factory bundle (.ptfb): bootloader, package, keys</source>
        <translation>Werks-Bundle (.ptfb): Bootloader, Paket, Schlüssel</translation>
    </message>
    <message>
        <source>Board link:</source>
        <translation>Board-Verbindung:</translation>
    </message>
    <message>
        <source>ROM link:</source>
        <translation>ROM-Verbindung:</translation>
    </message>
    <message>
        <source>Factory bundle:</source>
        <translation>Werks-Bundle:</translation>
    </message>
    <message>
        <source>Piton tries the board&apos;s own code first, then the chip&apos;s ROM bootloader.</source>
        <translation>Piton versucht zuerst den eigenen Code des Boards, dann den ROM-Bootloader des Chips.</translation>
    </message>
    <message>
        <source>Find what a&amp;nswers</source>
        <translation>Ermitteln, was a&amp;ntwortet</translation>
    </message>
    <message>
        <source>Ask Piton on the board&apos;s link, then the chip&apos;s ROM bootloader; changes nothing</source>
        <translation>Piton über die Verbindung des Boards fragen, dann den ROM-Bootloader des Chips; ändert nichts</translation>
    </message>
    <message>
        <source>Recover through the R&amp;OM</source>
        <translation>Über das R&amp;OM wiederherstellen</translation>
    </message>
    <message>
        <source>Write Piton&apos;s bootloader from the bundle through the ROM, then deploy and restore</source>
        <translation>Den Piton-Bootloader aus dem Bundle über das ROM schreiben, dann installieren und wiederherstellen</translation>
    </message>
    <message>
        <source>No Piton code answers on %1. Piton will, through the chip&apos;s ROM bootloader:</source>
        <translation>Auf %1 antwortet kein Piton-Code. Piton wird über den ROM-Bootloader des Chips:</translation>
    </message>
    <message>
        <source>then deploy the bundle&apos;s package and write the config. Go ahead?</source>
        <translation>dann das Paket des Bundles installieren und die Konfiguration schreiben. Fortfahren?</translation>
    </message>
    <message>
        <source>Recover through the ROM</source>
        <translation>Über das ROM wiederherstellen</translation>
    </message>
    <message>
        <source>recovery through the ROM cancelled</source>
        <translation>Wiederherstellung über das ROM abgebrochen</translation>
    </message>
    <message>
        <source>Connect to the board first (serial, network). A board that does not answer at all may need its chip&apos;s ROM bootloader: the recovery ladder below finds what answers.</source>
        <translation>Zuerst mit dem Board verbinden (seriell, Netzwerk). Ein Board, das gar nicht antwortet, braucht womöglich den ROM-Bootloader seines Chips: die Wiederherstellung in Stufen unten ermittelt, was antwortet.</translation>
    </message>
    <message>
        <source>%1: %2 %</source>
        <translation>%1: %2 %</translation>
    </message>
    <message>
        <source>%1 ...</source>
        <translation>%1 ...</translation>
    </message>
    <message>
        <source>Asking Piton, then the ROM bootloader ...</source>
        <translation>Frage Piton, dann den ROM-Bootloader ...</translation>
    </message>
    <message>
        <source>Recovering through the ROM ...</source>
        <translation>Wiederherstellung über das ROM ...</translation>
    </message>
    <message>
        <source>A factory bundle is needed to bring the board back from the ROM: choose one above.</source>
        <translation>Um das Board über das ROM zurückzuholen, wird ein Werks-Bundle benötigt: oben eines wählen.</translation>
    </message>
    <message>
        <source>The bundle cannot be used: %1</source>
        <translation>Das Bundle ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>Recover will:</source>
        <translation>Schritte der Wiederherstellung:</translation>
    </message>
    <message>
        <source>deploy the bundle&apos;s package and write the config</source>
        <translation>das Paket des Bundles installieren und die Konfiguration schreiben</translation>
    </message>
    <message>
        <source>Piton answers: connect to the board above, and this page shows what it needs.</source>
        <translation>Piton antwortet: oben mit dem Board verbinden, dann zeigt diese Seite, was es braucht.</translation>
    </message>
    <message>
        <source>Recovered through the ROM: Piton&apos;s bootloader is back; connect to the board above.</source>
        <translation>Über das ROM wiederhergestellt: der Piton-Bootloader ist zurück; oben mit dem Board verbinden.</translation>
    </message>
    <message>
        <source>Recovered; connect to the board above.</source>
        <translation>Wiederhergestellt; oben mit dem Board verbinden.</translation>
    </message>
    <message>
        <source>The board: %1</source>
        <translation>Das Board: %1</translation>
    </message>
    <message>
        <source>derived from the board&apos;s link (serial:PATH gives rom+serial:PATH, usb:?path=P gives dfu:?path=P)</source>
        <translation>aus der Verbindung des Boards abgeleitet (serial:PATH ergibt rom+serial:PATH, usb:?path=P ergibt dfu:?path=P)</translation>
    </message>
    <message>
        <source>The chip&apos;s key area was read once: %1 bytes, SHA-256 %2. Recover reads it again before any erase and refuses if it changed.</source>
        <translation>Der Schlüsselbereich des Chips wurde einmal gelesen: %1 Bytes, SHA-256 %2. Die Wiederherstellung liest ihn vor jedem Löschen erneut und verweigert sich, wenn er sich geändert hat.</translation>
    </message>
</context>
<context>
    <name>piton::gui::RegionMap</name>
    <message>
        <source>no device</source>
        <translation>kein Gerät</translation>
    </message>
</context>
<context>
    <name>piton::gui::WindowMenu</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Save log…</source>
        <translation>Protokoll &amp;speichern…</translation>
    </message>
    <message>
        <source>&amp;Export board history…</source>
        <translation>Board-&amp;Verlauf exportieren…</translation>
    </message>
    <message>
        <source>Save what was done to the connected board (who, what, when, result) for support</source>
        <translation>Speichern, was am verbundenen Board getan wurde (wer, was, wann, Ergebnis), für den Support</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>De&amp;vice</source>
        <translation>&amp;Gerät</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Neu einlesen</translation>
    </message>
    <message>
        <source>&amp;Update…</source>
        <translation>&amp;Update installieren…</translation>
    </message>
    <message>
        <source>C&amp;ancel the operation</source>
        <translation>Vorgang a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Piton &amp;help</source>
        <translation>Piton-&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Piton</source>
        <translation>Ü&amp;ber Piton</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Piton&lt;/h3&gt;&lt;p&gt;Connect to a board (choose the transport, type or pick the port or host:port, press Enter), then update it with a signed package (.ptpkg), back up or restore its configuration, or recover it on the Recover page. Before anything is written, the regions it will change are marked on the map and you are asked.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Shortcuts:&lt;/b&gt; Ctrl+K connect, Ctrl+Shift+K disconnect, F5 refresh, Ctrl+U update, Esc cancel the running operation, Ctrl+S save the log, F1 this help.&lt;/p&gt;&lt;p&gt;Failures are shown in a red banner at the top of the window with the whole message, and in the log (errors in red). Every operation on a board is also kept in its history (who, what, when, result) in %1; File ▸ Export board history saves the connected board&apos;s history for support.&lt;/p&gt;&lt;p&gt;The manuals: &lt;tt&gt;man piton&lt;/tt&gt;, &lt;tt&gt;man piton-cli&lt;/tt&gt;, and /usr/share/doc/piton.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Piton&lt;/h3&gt;&lt;p&gt;Mit einem Board verbinden (Übertragungsweg wählen, Port oder Host:Port eingeben oder auswählen, Eingabetaste drücken), dann mit einem signierten Paket (.ptpkg) aktualisieren, seine Konfiguration sichern oder wiederherstellen, oder es auf der Seite Wiederherstellen retten. Bevor etwas geschrieben wird, werden die betroffenen Bereiche in der Karte markiert und Sie werden gefragt.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Tastenkürzel:&lt;/b&gt; Strg+K verbinden, Strg+Umschalt+K trennen, F5 aktualisieren, Strg+U Update, Esc laufenden Vorgang abbrechen, Strg+S Protokoll speichern, F1 diese Hilfe.&lt;/p&gt;&lt;p&gt;Fehler erscheinen vollständig in einem roten Banner oben im Fenster und im Protokoll (Fehler in Rot). Jeder Vorgang an einem Board wird außerdem in seinem Verlauf festgehalten (wer, was, wann, Ergebnis) in %1; Datei ▸ Board-Verlauf exportieren speichert den Verlauf des verbundenen Boards für den Support.&lt;/p&gt;&lt;p&gt;Die Handbücher: &lt;tt&gt;man piton&lt;/tt&gt;, &lt;tt&gt;man piton-cli&lt;/tt&gt; und /usr/share/doc/piton.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Piton %1&lt;/h3&gt;&lt;p&gt;Flashing and recovery workstation for microcontroller boards.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;&lt;p&gt;Copyright 2026 The Piton developers. All rights reserved: no licence has been chosen yet (see /usr/share/doc/piton/copyright).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Piton %1&lt;/h3&gt;&lt;p&gt;Arbeitsplatz zum Flashen und Wiederherstellen von Mikrocontroller-Boards.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, läuft mit Qt %3.&lt;/p&gt;&lt;p&gt;Copyright 2026 The Piton developers. Alle Rechte vorbehalten: eine Lizenz ist noch nicht gewählt (siehe /usr/share/doc/piton/copyright).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>piton::line</name>
    <message>
        <source>format &apos;%1&apos;: &apos;}&apos; at position %2 closes no placeholder</source>
        <translation>Format &apos;%1&apos;: &apos;}&apos; an Position %2 schließt keinen Platzhalter</translation>
    </message>
    <message>
        <source>format &apos;%1&apos;: only printable ASCII is allowed (position %2)</source>
        <translation>Format &apos;%1&apos;: nur druckbares ASCII ist erlaubt (Position %2)</translation>
    </message>
    <message>
        <source>format &apos;%1&apos;: &apos;{&apos; at position %2 is not closed</source>
        <translation>Format &apos;%1&apos;: &apos;{&apos; an Position %2 wird nicht geschlossen</translation>
    </message>
    <message>
        <source>format &apos;%1&apos;: unknown placeholder {%2} (known: {seq}, {seq:N}, {seq36:N}, {yyyy}, {yy}, {mm}, {dd}, {ww})</source>
        <translation>Format &apos;%1&apos;: unbekannter Platzhalter {%2} (bekannt: {seq}, {seq:N}, {seq36:N}, {yyyy}, {yy}, {mm}, {dd}, {ww})</translation>
    </message>
    <message>
        <source>format &apos;%1&apos;: width of {%2} must be 1..%3</source>
        <translation>Format &apos;%1&apos;: die Breite von {%2} muss 1..%3 sein</translation>
    </message>
    <message>
        <source>format &apos;%1&apos;: {seq36} needs a width, e.g. {seq36:5}</source>
        <translation>Format &apos;%1&apos;: {seq36} braucht eine Breite, z. B. {seq36:5}</translation>
    </message>
    <message>
        <source>format &apos;%1&apos; must hold exactly one {seq...} placeholder, has %2</source>
        <translation>Format &apos;%1&apos; muss genau einen Platzhalter {seq...} enthalten, hat %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a MAC address: six hex pairs separated by &apos;:&apos; (e.g. 02:00:00:12:34:56)</source>
        <translation>&apos;%1&apos; ist keine MAC-Adresse: sechs Hex-Paare, getrennt durch &apos;:&apos; (z. B. 02:00:00:12:34:56)</translation>
    </message>
    <message>
        <source>line %1: identifier longer than 128 bytes</source>
        <translation>Zeile %1: Kennung länger als 128 Bytes</translation>
    </message>
    <message>
        <source>line %1: control character in identifier</source>
        <translation>Zeile %1: Steuerzeichen in der Kennung</translation>
    </message>
    <message>
        <source>line %1: &apos;%2&apos; is a duplicate of line %3</source>
        <translation>Zeile %1: &apos;%2&apos; ist ein Duplikat von Zeile %3</translation>
    </message>
    <message>
        <source>the list holds no identifier</source>
        <translation>die Liste enthält keine Kennung</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos;: the scanned code &apos;%2&apos; does not match the pattern &apos;%3&apos;</source>
        <translation>Pool &apos;%1&apos;: der gescannte Code &apos;%2&apos; passt nicht zum Muster &apos;%3&apos;</translation>
    </message>
    <message>
        <source>pool name &apos;%1&apos;: use 1..64 letters, digits, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;</source>
        <translation>Poolname &apos;%1&apos;: 1..64 Buchstaben, Ziffern, &apos;_&apos;, &apos;.&apos;, &apos;-&apos; verwenden</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos;</source>
        <translation>Pool &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1: &apos;first&apos; and &apos;last&apos; must be numbers</source>
        <translation>%1: &apos;first&apos; und &apos;last&apos; müssen Zahlen sein</translation>
    </message>
    <message>
        <source>%1: &apos;first&apos; and &apos;last&apos; must be whole numbers &gt;= 0</source>
        <translation>%1: &apos;first&apos; und &apos;last&apos; müssen ganze Zahlen &gt;= 0 sein</translation>
    </message>
    <message>
        <source>%1: last %2 does not fit the format &apos;%3&apos; (at most %4)</source>
        <translation>%1: last %2 passt nicht in das Format &apos;%3&apos; (höchstens %4)</translation>
    </message>
    <message>
        <source>%1: %2 is a multicast address (bit 0 of the first byte is set)</source>
        <translation>%1: %2 ist eine Multicast-Adresse (Bit 0 des ersten Bytes ist gesetzt)</translation>
    </message>
    <message>
        <source>%1: a list pool needs &apos;file&apos;</source>
        <translation>%1: ein Listen-Pool braucht &apos;file&apos;</translation>
    </message>
    <message>
        <source>%1: cannot read %2: %3</source>
        <translation>%1: %2 kann nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>%1: a list pool needs &apos;sha256&apos; of its file (it is %2)</source>
        <translation>%1: ein Listen-Pool braucht &apos;sha256&apos; seiner Datei (sie hat %2)</translation>
    </message>
    <message>
        <source>%1: %2 has SHA-256 %3, the recipe pins %4</source>
        <translation>%1: %2 hat SHA-256 %3, das Rezept legt %4 fest</translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation>%1: %2: %3</translation>
    </message>
    <message>
        <source>%1: the format must hold {uid} once</source>
        <translation>%1: das Format muss {uid} genau einmal enthalten</translation>
    </message>
    <message>
        <source>%1: the pattern &apos;%2&apos; is not a valid regular expression: %3</source>
        <translation>%1: das Muster &apos;%2&apos; ist kein gültiger regulärer Ausdruck: %3</translation>
    </message>
    <message>
        <source>%1: unknown type &apos;%2&apos; (counter, list, mac, uid, barcode)</source>
        <translation>%1: unbekannter Typ &apos;%2&apos; (counter, list, mac, uid, barcode)</translation>
    </message>
    <message>
        <source>%1: unknown key &apos;%2&apos; for a %3 pool</source>
        <translation>%1: unbekannter Schlüssel &apos;%2&apos; für einen Pool vom Typ %3</translation>
    </message>
    <message>
        <source>%1: first is above last</source>
        <translation>%1: first ist größer als last</translation>
    </message>
    <message>
        <source>database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos;: the values leased to this station are used up and the database has not leased more (is it reachable?)</source>
        <translation>Pool &apos;%1&apos;: die dieser Station zugeteilten Werte sind verbraucht und die Datenbank hat keine weiteren zugeteilt (ist sie erreichbar?)</translation>
    </message>
    <message>
        <source>--db sqlite:PATH needs a file path</source>
        <translation>--db sqlite:PATH braucht einen Dateipfad</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a PostgreSQL URL: use postgresql://USER@HOST[:PORT]/DATABASE</source>
        <translation>&apos;%1&apos; ist keine PostgreSQL-URL: postgresql://USER@HOST[:PORT]/DATABASE verwenden</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a database URL: use sqlite:PATH or postgresql://USER@HOST[:PORT]/DATABASE</source>
        <translation>&apos;%1&apos; ist keine Datenbank-URL: sqlite:PATH oder postgresql://USER@HOST[:PORT]/DATABASE verwenden</translation>
    </message>
    <message>
        <source>the Qt driver %1 is missing (Debian package %2)</source>
        <translation>der Qt-Treiber %1 fehlt (Debian-Paket %2)</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 (in: %2)</source>
        <translation>%1 (in: %2)</translation>
    </message>
    <message>
        <source>no id returned (in: %1)</source>
        <translation>keine ID zurückgegeben (in: %1)</translation>
    </message>
    <message>
        <source>schema version %1 was made by a newer Piton (this one knows up to %2)</source>
        <translation>Schema-Version %1 stammt von einem neueren Piton (dieses kennt bis %2)</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos; exists in the database with another definition; give this one another name (pools are shared by name)</source>
        <translation>Pool &apos;%1&apos; existiert in der Datenbank mit einer anderen Definition; diesem einen anderen Namen geben (Pools werden über den Namen geteilt)</translation>
    </message>
    <message>
        <source>the recipe %1 is not released in this database (an engineer runs piton-cli line recipe release first)</source>
        <translation>das Rezept %1 ist in dieser Datenbank nicht freigegeben (ein Ingenieur führt zuerst piton-cli line recipe release aus)</translation>
    </message>
    <message>
        <source>the station stopped during this attempt (crash, kill or power loss); the board&apos;s state is unknown</source>
        <translation>die Station hat während dieses Versuchs angehalten (Absturz, Kill oder Stromausfall); der Zustand der Platine ist unbekannt</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos; is not in the database (release the recipe first)</source>
        <translation>Pool &apos;%1&apos; ist nicht in der Datenbank (zuerst das Rezept freigeben)</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos;: the code &apos;%2&apos; is already given to another board</source>
        <translation>Pool &apos;%1&apos;: der Code &apos;%2&apos; ist bereits einer anderen Platine zugewiesen</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos; is exhausted (its last value %2 is given)</source>
        <translation>Pool &apos;%1&apos; ist erschöpft (sein letzter Wert %2 ist vergeben)</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos; changed under a write transaction</source>
        <translation>Pool &apos;%1&apos; wurde während einer Schreibtransaktion geändert</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos; is exhausted (every value of its list is given)</source>
        <translation>Pool &apos;%1&apos; ist erschöpft (jeder Wert seiner Liste ist vergeben)</translation>
    </message>
    <message>
        <source>list value &apos;%1&apos; was taken under a write transaction</source>
        <translation>Listenwert &apos;%1&apos; wurde während einer Schreibtransaktion vergeben</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos;: &apos;%2&apos; is already given (two boards with one unique id?)</source>
        <translation>Pool &apos;%1&apos;: &apos;%2&apos; ist bereits vergeben (zwei Platinen mit einer eindeutigen ID?)</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos; has an unknown type</source>
        <translation>Pool &apos;%1&apos; hat einen unbekannten Typ</translation>
    </message>
    <message>
        <source>attempt %1 is no longer running (another station process marked it interrupted?)</source>
        <translation>Versuch %1 läuft nicht mehr (hat ein anderer Stationsprozess ihn als unterbrochen markiert?)</translation>
    </message>
    <message>
        <source>no shift given (e.g. --shift early=06:00-14:00,late=14:00-22:00,night=22:00-06:00)</source>
        <translation>keine Schicht angegeben (z. B. --shift early=06:00-14:00,late=14:00-22:00,night=22:00-06:00)</translation>
    </message>
    <message>
        <source>shift &apos;%1&apos;: use HH:MM-HH:MM or NAME=HH:MM-HH:MM (24-hour clock, local time)</source>
        <translation>Schicht &apos;%1&apos;: HH:MM-HH:MM oder NAME=HH:MM-HH:MM verwenden (24-Stunden-Uhr, Ortszeit)</translation>
    </message>
    <message>
        <source>shift &apos;%1&apos; is empty (it starts where it ends)</source>
        <translation>Schicht &apos;%1&apos; ist leer (sie beginnt, wo sie endet)</translation>
    </message>
    <message>
        <source>shift name &apos;%1&apos; is given twice</source>
        <translation>Schichtname &apos;%1&apos; ist doppelt angegeben</translation>
    </message>
    <message>
        <source>shifts &apos;%1&apos; and &apos;%2&apos; overlap</source>
        <translation>die Schichten &apos;%1&apos; und &apos;%2&apos; überschneiden sich</translation>
    </message>
    <message>
        <source>%1 of pool &apos;%2&apos; is already given to another board</source>
        <translation>%1 aus Pool &apos;%2&apos; ist bereits einer anderen Platine zugewiesen</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos;: the scanned code &apos;%2&apos; is held by board %3 (attempt %4); both were scanned while the server was unreachable</source>
        <translation>Pool &apos;%1&apos;: der gescannte Code &apos;%2&apos; gehört Platine %3 (Versuch %4); beide wurden gescannt, während der Server nicht erreichbar war</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no account in this database (an engineer adds it: piton-cli line account add)</source>
        <translation>&apos;%1&apos; hat kein Konto in dieser Datenbank (ein Ingenieur legt es an: piton-cli line account add)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has a password: give it (log in on the Line page; piton-cli reads PITON_LINE_PASSWORD)</source>
        <translation>&apos;%1&apos; hat ein Passwort: bitte angeben (Anmeldung auf der Seite Linie; piton-cli liest PITON_LINE_PASSWORD)</translation>
    </message>
    <message>
        <source>the password of &apos;%1&apos; is wrong</source>
        <translation>das Passwort von &apos;%1&apos; ist falsch</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is an operator; only an engineer may do this</source>
        <translation>&apos;%1&apos; ist Bediener; nur ein Ingenieur darf das</translation>
    </message>
    <message>
        <source>a role is &apos;operator&apos; or &apos;engineer&apos;, not &apos;%1&apos;</source>
        <translation>eine Rolle ist &apos;operator&apos; oder &apos;engineer&apos;, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>an account needs a name without leading or trailing spaces</source>
        <translation>ein Konto braucht einen Namen ohne führende oder abschließende Leerzeichen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; already has an account (%2)</source>
        <translation>&apos;%1&apos; hat bereits ein Konto (%2)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no account in this database</source>
        <translation>&apos;%1&apos; hat kein Konto in dieser Datenbank</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no password yet (an engineer sets one: piton-cli line account passwd)</source>
        <translation>&apos;%1&apos; hat noch kein Passwort (ein Ingenieur setzt eines: piton-cli line account passwd)</translation>
    </message>
    <message>
        <source>the name or the password is wrong</source>
        <translation>der Name oder das Passwort ist falsch</translation>
    </message>
    <message>
        <source>a password needs at least %1 characters</source>
        <translation>ein Passwort braucht mindestens %1 Zeichen</translation>
    </message>
    <message>
        <source>no random bytes for the password&apos;s salt (OpenSSL RAND_bytes failed)</source>
        <translation>keine Zufallsbytes für das Salz des Passworts (OpenSSL RAND_bytes fehlgeschlagen)</translation>
    </message>
    <message>
        <source>the password could not be hashed (OpenSSL PKCS5_PBKDF2_HMAC failed)</source>
        <translation>das Passwort konnte nicht gehasht werden (OpenSSL PKCS5_PBKDF2_HMAC fehlgeschlagen)</translation>
    </message>
    <message>
        <source>%1: unknown key &apos;%2&apos; (allowed: %3)</source>
        <translation>%1: unbekannter Schlüssel &apos;%2&apos; (erlaubt: %3)</translation>
    </message>
    <message>
        <source>not JSON: %1 at byte %2</source>
        <translation>kein JSON: %1 bei Byte %2</translation>
    </message>
    <message>
        <source>a recipe is a JSON object</source>
        <translation>ein Rezept ist ein JSON-Objekt</translation>
    </message>
    <message>
        <source>recipe</source>
        <translation>Rezept</translation>
    </message>
    <message>
        <source>&apos;format&apos; must be &quot;%1&quot; (is %2)</source>
        <translation>&apos;format&apos; muss &quot;%1&quot; sein (ist %2)</translation>
    </message>
    <message>
        <source>&apos;credential&apos; must name a credential file (.ptcred, from piton-cli access issue)</source>
        <translation>&apos;credential&apos; muss einen Berechtigungsnachweis nennen (.ptcred, von piton-cli access issue)</translation>
    </message>
    <message>
        <source>&apos;name&apos; is missing</source>
        <translation>&apos;name&apos; fehlt</translation>
    </message>
    <message>
        <source>&apos;board&apos; must be a board id of 1..31 printable ASCII characters</source>
        <translation>&apos;board&apos; muss eine Platinen-ID aus 1..31 druckbaren ASCII-Zeichen sein</translation>
    </message>
    <message>
        <source>packages[%1]</source>
        <translation>packages[%1]</translation>
    </message>
    <message>
        <source>%1: &apos;file&apos; is missing</source>
        <translation>%1: &apos;file&apos; fehlt</translation>
    </message>
    <message>
        <source>%1: &apos;sha256&apos; must be 64 hex digits (the SHA-256 of the .ptpkg file)</source>
        <translation>%1: &apos;sha256&apos; muss aus 64 Hex-Ziffern bestehen (der SHA-256 der .ptpkg-Datei)</translation>
    </message>
    <message>
        <source>config[%1]</source>
        <translation>config[%1]</translation>
    </message>
    <message>
        <source>%1 (%2): give either &apos;value&apos; or &apos;pool&apos;</source>
        <translation>%1 (%2): entweder &apos;value&apos; oder &apos;pool&apos; angeben</translation>
    </message>
    <message>
        <source>%1: key &apos;%2&apos; is written twice</source>
        <translation>%1: Schlüssel &apos;%2&apos; wird zweimal geschrieben</translation>
    </message>
    <message>
        <source>%1 (%2): no pool &apos;%3&apos; in &apos;pools&apos;</source>
        <translation>%1 (%2): kein Pool &apos;%3&apos; in &apos;pools&apos;</translation>
    </message>
    <message>
        <source>%1: pool &apos;%2&apos; holds &apos;%3&apos;: %4</source>
        <translation>%1: Pool &apos;%2&apos; enthält &apos;%3&apos;: %4</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: pool &apos;%2&apos; makes values like &apos;%3&apos;: %4</source>
        <translation>%1: Pool &apos;%2&apos; erzeugt Werte wie &apos;%3&apos;: %4</translation>
    </message>
    <message>
        <source>&apos;steps&apos; is missing or empty (e.g. [{&quot;step&quot;:&quot;deploy&quot;},{&quot;step&quot;:&quot;config&quot;},{&quot;step&quot;:&quot;verify&quot;}])</source>
        <translation>&apos;steps&apos; fehlt oder ist leer (z. B. [{&quot;step&quot;:&quot;deploy&quot;},{&quot;step&quot;:&quot;config&quot;},{&quot;step&quot;:&quot;verify&quot;}])</translation>
    </message>
    <message>
        <source>steps[%1] (%2)</source>
        <translation>steps[%1] (%2)</translation>
    </message>
    <message>
        <source>steps[%1]: unknown step &apos;%2&apos; (backup, deploy, config, verify, confirm, reboot, lock)</source>
        <translation>steps[%1]: unbekannter Schritt &apos;%2&apos; (backup, deploy, config, verify, confirm, reboot, lock)</translation>
    </message>
    <message>
        <source>%1: retries must be 0..5</source>
        <translation>%1: retries muss 0..5 sein</translation>
    </message>
    <message>
        <source>%1: this step is not safe to repeat and is never retried</source>
        <translation>%1: dieser Schritt ist nicht sicher wiederholbar und wird nie wiederholt</translation>
    </message>
    <message>
        <source>%1: timeoutMs must be 1000..600000</source>
        <translation>%1: timeoutMs muss 1000..600000 sein</translation>
    </message>
    <message>
        <source>%1: the board is locked once</source>
        <translation>%1: die Platine wird nur einmal gesperrt</translation>
    </message>
    <message>
        <source>%1: the recipe has no &apos;config&apos; entries to write</source>
        <translation>%1: das Rezept hat keine &apos;config&apos;-Einträge zum Schreiben</translation>
    </message>
    <message>
        <source>%1: the recipe has no &apos;packages&apos;</source>
        <translation>%1: das Rezept hat keine &apos;packages&apos;</translation>
    </message>
    <message>
        <source>%1: needs &apos;dir&apos;, the folder for the backups</source>
        <translation>%1: braucht &apos;dir&apos;, den Ordner für die Sicherungen</translation>
    </message>
    <message>
        <source>%1: only &apos;reboot&apos; may follow &apos;lock&apos; (locking is irreversible: it comes last)</source>
        <translation>%1: nur &apos;reboot&apos; darf auf &apos;lock&apos; folgen (Sperren ist unumkehrbar: es kommt zuletzt)</translation>
    </message>
    <message>
        <source>&apos;failedIdentifiers&apos; must be &quot;void&quot; or &quot;keep-for-board&quot;, is &apos;%1&apos;</source>
        <translation>&apos;failedIdentifiers&apos; muss &quot;void&quot; oder &quot;keep-for-board&quot; sein, ist &apos;%1&apos;</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>cannot read package %1: %2</source>
        <translation>Paket %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>package %1 has SHA-256 %2, the recipe pins %3 (the file changed after the recipe was made)</source>
        <translation>Paket %1 hat SHA-256 %2, das Rezept legt %3 fest (die Datei wurde nach dem Erstellen des Rezepts geändert)</translation>
    </message>
    <message>
        <source>package %1 is built for board &apos;%2&apos;, the recipe is for &apos;%3&apos;</source>
        <translation>Paket %1 ist für die Platine &apos;%2&apos; gebaut, das Rezept ist für &apos;%3&apos;</translation>
    </message>
    <message>
        <source>another board (unique id %1) answers in this slot now; the attempt&apos;s board was %2</source>
        <translation>eine andere Platine (eindeutige ID %1) antwortet jetzt in diesem Steckplatz; die Platine des Versuchs war %2</translation>
    </message>
    <message>
        <source>cannot create the backup folder %1</source>
        <translation>der Sicherungsordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1 is &apos;%2&apos;, expected &apos;%3&apos;</source>
        <translation>%1 ist &apos;%2&apos;, erwartet &apos;%3&apos;</translation>
    </message>
    <message>
        <source>config read back differs: %1</source>
        <translation>die zurückgelesene Konfiguration weicht ab: %1</translation>
    </message>
    <message>
        <source>the board answered LOCK but INFO still reports it unlocked</source>
        <translation>die Platine hat LOCK beantwortet, aber INFO meldet sie weiterhin als entsperrt</translation>
    </message>
    <message>
        <source>step %1 is not supported</source>
        <translation>Schritt %1 wird nicht unterstützt</translation>
    </message>
    <message>
        <source>the scanned code &apos;%1&apos; cannot be config entry %2: %3</source>
        <translation>der gescannte Code &apos;%1&apos; kann nicht Konfigurationseintrag %2 sein: %3</translation>
    </message>
    <message>
        <source>the attempt could not be recorded: %1</source>
        <translation>der Versuch konnte nicht aufgezeichnet werden: %1</translation>
    </message>
    <message>
        <source>the board is a &apos;%1&apos;, the recipe is for &apos;%2&apos;; nothing was changed</source>
        <translation>die Platine ist eine &apos;%1&apos;, das Rezept ist für &apos;%2&apos;; nichts wurde geändert</translation>
    </message>
    <message>
        <source>the station&apos;s credential was refused: %1</source>
        <translation>der Berechtigungsnachweis der Station wurde abgelehnt: %1</translation>
    </message>
    <message>
        <source>the station was stopped</source>
        <translation>die Station wurde gestoppt</translation>
    </message>
    <message>
        <source>the slot was stopped</source>
        <translation>der Steckplatz wurde gestoppt</translation>
    </message>
    <message>
        <source>the recipe has no barcode pool: a scanned code has nothing to provide</source>
        <translation>das Rezept hat keinen Barcode-Pool: ein gescannter Code hat nichts zu liefern</translation>
    </message>
    <message>
        <source>there is no slot %1 (slots 1..%2)</source>
        <translation>es gibt keinen Steckplatz %1 (Steckplätze 1..%2)</translation>
    </message>
    <message>
        <source>the scanned code is empty</source>
        <translation>der gescannte Code ist leer</translation>
    </message>
    <message>
        <source>no slot given (--slot URI, one per slot)</source>
        <translation>kein Steckplatz angegeben (--slot URI, einer pro Steckplatz)</translation>
    </message>
    <message>
        <source>slot &apos;%1&apos;: %2</source>
        <translation>Steckplatz &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>slot &apos;%1&apos;: the ROM bootloader link is not supported in line mode</source>
        <translation>Steckplatz &apos;%1&apos;: die Verbindung zum ROM-Bootloader wird im Linienmodus nicht unterstützt</translation>
    </message>
    <message>
        <source>slot &apos;%1&apos; is given twice</source>
        <translation>Steckplatz &apos;%1&apos; ist doppelt angegeben</translation>
    </message>
    <message>
        <source>credential %1: %2</source>
        <translation>Berechtigungsnachweis %1: %2</translation>
    </message>
    <message>
        <source>database: cannot create the folder of the journal %1</source>
        <translation>Datenbank: der Ordner des Journals %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>station &apos;%1&apos; is already running on this database (process %2 on %3); give each running station its own --station name</source>
        <translation>Station &apos;%1&apos; läuft bereits auf dieser Datenbank (Prozess %2 auf %3); jeder laufenden Station einen eigenen --station-Namen geben</translation>
    </message>
    <message>
        <source>database: cannot create the station lock %1</source>
        <translation>Datenbank: die Stationssperre %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>the lease size must be 1..10000</source>
        <translation>die Zuteilungsgröße muss 1..10000 sein</translation>
    </message>
    <message>
        <source>the journal %1 belongs to station &apos;%2&apos;; give this station its own --journal</source>
        <translation>das Journal %1 gehört zu Station &apos;%2&apos;; dieser Station ein eigenes --journal geben</translation>
    </message>
    <message>
        <source>%1; the station cannot start without the server: %2</source>
        <translation>%1; die Station kann ohne den Server nicht starten: %2</translation>
    </message>
    <message>
        <source>its journal %1 does not exist yet (start it once while the server is reachable)</source>
        <translation>ihr Journal %1 existiert noch nicht (einmal starten, während der Server erreichbar ist)</translation>
    </message>
    <message>
        <source>this recipe was never run by this station while the server was reachable</source>
        <translation>dieses Rezept wurde von dieser Station nie ausgeführt, während der Server erreichbar war</translation>
    </message>
    <message>
        <source>no value of pool &apos;%1&apos; is leased to it</source>
        <translation>kein Wert aus Pool &apos;%1&apos; ist ihr zugeteilt</translation>
    </message>
    <message>
        <source>its journal holds no copy of the accounts to check the operator against (start it once while the server is reachable)</source>
        <translation>ihr Journal enthält keine Kopie der Konten, gegen die der Bediener geprüft werden kann (einmal starten, während der Server erreichbar ist)</translation>
    </message>
    <message>
        <source>%1 (checked against the journal&apos;s copy of the accounts of %2, the server is unreachable)</source>
        <translation>%1 (geprüft gegen die Kopie der Konten im Journal vom %2, der Server ist nicht erreichbar)</translation>
    </message>
</context>
</TS>
