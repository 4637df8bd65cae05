<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>RegionMap</name>
    <message>
        <location filename="../app/gui/region_map.cpp" line="33" />
        <source>protected</source>
        <translation>protégée</translation>
    </message>
    <message>
        <location filename="../app/gui/region_map.cpp" line="35" />
        <source>staging</source>
        <translation>préparation</translation>
    </message>
    <message>
        <location filename="../app/gui/region_map.cpp" line="37" />
        <source>external</source>
        <translation>externe</translation>
    </message>
    <message>
        <location filename="../app/gui/region_map.cpp" line="39" />
        <source>config</source>
        <translation>configuration</translation>
    </message>
    <message>
        <location filename="../app/gui/region_map.cpp" line="41" />
        <source>image</source>
        <translation>image</translation>
    </message>
</context>
<context>
    <name>piton::gui::DeviceWorker</name>
    <message>
        <location filename="../app/gui/device_worker.cpp" line="52" />
        <location filename="../app/gui/device_worker.cpp" line="245" />
        <source>not connected to a device</source>
        <translation>non connecté à un appareil</translation>
    </message>
    <message>
        <location filename="../app/gui/device_worker.cpp" line="84" />
        <source>cannot read the config: %1</source>
        <translation>impossible de lire la configuration : %1</translation>
    </message>
    <message>
        <location filename="../app/gui/device_worker.cpp" line="100" />
        <source>connecting to %1</source>
        <translation>connexion à %1</translation>
    </message>
    <message>
        <location filename="../app/gui/device_worker.cpp" line="164" />
        <source>the link is closed</source>
        <translation>la liaison est fermée</translation>
    </message>
    <message>
        <location filename="../app/gui/device_worker.cpp" line="169" />
        <source>cannot read the device state: %1</source>
        <translation>impossible de lire l'état de l'appareil : %1</translation>
    </message>
</context>
<context>
    <name>piton::gui::MainWindow</name>
    <message>
        <location filename="../app/gui/main.cpp" line="129" />
        <source>connect to a device to deploy %1</source>
        <translation>connectez un appareil pour déployer %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="46" />
        <location filename="../app/gui/main_window.cpp" line="582" />
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="55" />
        <source>Piton</source>
        <translation>Piton</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="100" />
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="102" />
        <source>Transport:</source>
        <translation>Transport :</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="105" />
        <source>Serial</source>
        <translation>Série</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="106" />
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="115" />
        <source>port or path, e.g. /dev/ttyUSB0</source>
        <translation>port ou chemin, p. ex. /dev/ttyUSB0</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="116" />
        <source>Rescan</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="117" />
        <source>List the serial ports again</source>
        <translation>Lister à nouveau les ports série</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="124" />
        <source>host:port, e.g. 192.168.1.20:4000</source>
        <translation>hôte:port, p. ex. 192.168.1.20:4000</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="127" />
        <source>Connect</source>
        <translation>Connecter</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="130" />
        <source>Disconnect</source>
        <translation>Déconnecter</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="132" />
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="150" />
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="178" />
        <source>Board:</source>
        <translation>Carte :</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="179" />
        <location filename="../app/gui/main_window.cpp" line="233" />
        <source>Serial number:</source>
        <translation>Numéro de série :</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="180" />
        <source>Unique id:</source>
        <translation>Identifiant unique :</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="181" />
        <source>Versions:</source>
        <translation>Versions :</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="182" />
        <source>Locked:</source>
        <translation>Verrouillé :</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="183" />
        <source>Trusted keys:</source>
        <translation>Clés de confiance :</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="186" />
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="193" />
        <source>Update…</source>
        <translation>Mettre à jour…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="194" />
        <source>Choose an update package (.ptpkg) or drop one on the window</source>
        <translation>Choisissez un paquet de mise à jour (.ptpkg) ou déposez-le sur la fenêtre</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="195" />
        <source>Erase deployment…</source>
        <translation>Effacer le déploiement…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="196" />
        <source>Back up config…</source>
        <translation>Sauvegarder la configuration…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="197" />
        <source>Restore config…</source>
        <translation>Restaurer la configuration…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="198" />
        <source>Reboot</source>
        <translation>Redémarrer</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="199" />
        <source>Reboot to bootloader</source>
        <translation>Redémarrer dans le bootloader</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="208" />
        <source>Configuration</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="216" />
        <source>Use DHCP</source>
        <translation>Utiliser DHCP</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="221" />
        <source>USB product name</source>
        <translation>Nom de produit USB</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="222" />
        <source>1 to 32 printable characters</source>
        <translation>1 à 32 caractères imprimables</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="227" />
        <source>Apply settings</source>
        <translation>Appliquer les réglages</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="229" />
        <source>IP address:</source>
        <translation>Adresse IP :</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="230" />
        <source>Network mask:</source>
        <translation>Masque de réseau :</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="231" />
        <source>Gateway:</source>
        <translation>Passerelle :</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="232" />
        <source>USB product:</source>
        <translation>Produit USB :</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="244" />
        <source>Flash regions</source>
        <translation>Régions de la flash</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="250" />
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="250" />
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="250" />
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="250" />
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="250" />
        <source>Sectors</source>
        <translation>Secteurs</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="250" />
        <source>Flags</source>
        <translation>Attributs</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="260" />
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="262" />
        <source>idle</source>
        <translation>inactif</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="274" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="283" />
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="290" />
        <source>Save log…</source>
        <translation>Enregistrer le journal…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="302" />
        <location filename="../app/gui/main_window.cpp" line="523" />
        <location filename="../app/gui/main_window.cpp" line="540" />
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="415" />
        <source>Choose an update package</source>
        <translation>Choisir un paquet de mise à jour</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="416" />
        <source>Update packages (*.ptpkg);;All files (*)</source>
        <translation>Paquets de mise à jour (*.ptpkg);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="418" />
        <source>Save config backup</source>
        <translation>Enregistrer la sauvegarde de configuration</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="419" />
        <location filename="../app/gui/main_window.cpp" line="422" />
        <source>Config backups (*.ptcfg);;All files (*)</source>
        <translation>Sauvegardes de configuration (*.ptcfg);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="421" />
        <source>Choose a config backup</source>
        <translation>Choisir une sauvegarde de configuration</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="424" />
        <source>Save log</source>
        <translation>Enregistrer le journal</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="425" />
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>Fichiers journaux (*.log *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="472" />
        <source>Enter host:port of the device.</source>
        <translation>Saisissez hôte:port de l'appareil.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="473" />
        <source>Choose a serial port or enter its path.</source>
        <translation>Choisissez un port série ou saisissez son chemin.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="480" />
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="502" />
        <source>connected to %1</source>
        <translation>connecté à %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="503" />
        <source>Connected to %1</source>
        <translation>Connecté à %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="512" />
        <source>connection failed: %1</source>
        <translation>échec de la connexion : %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="513" />
        <source>Connection failed: %1</source>
        <translation>Échec de la connexion : %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="522" />
        <source>disconnected</source>
        <translation>déconnecté</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="522" />
        <source>disconnected: %1</source>
        <translation>déconnecté : %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="530" />
        <source>ping: %1 answers in %2 ms (protocol %3, window %4, max payload %5 bytes)</source>
        <translation>ping : %1 répond en %2 ms (protocole %3, fenêtre %4, charge utile max. %5 octets)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="531" />
        <location filename="../app/gui/main_window.cpp" line="651" />
        <source>application</source>
        <translation>application</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="531" />
        <source>bootloader</source>
        <translation>bootloader</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="565" />
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="568" />
        <source>Bootloader (recovery mode)</source>
        <translation>Bootloader (mode de récupération)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="572" />
        <source>(not set)</source>
        <translation>(non défini)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="574" />
        <source>bootloader %1, firmware %2, application %3; security counter %4</source>
        <translation>bootloader %1, firmware %2, application %3 ; compteur de sécurité %4</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="578" />
        <source>yes (production: raw writes refused)</source>
        <translation>oui (production : écritures brutes refusées)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="578" />
        <source>no (development)</source>
        <translation>non (développement)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="599" />
        <location filename="../app/gui/main_window.cpp" line="821" />
        <source>%1 bytes</source>
        <translation>%1 octets</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="633" />
        <source>Connect to a device before updating it.</source>
        <translation>Connectez un appareil avant de le mettre à jour.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="637" />
        <source>checking package %1</source>
        <translation>vérification du paquet %1</translation>
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
        <translation>Paquet : %1
Taille : %2 octets
SHA-256 : %3

Carte : %4
Version : %5
Compteur de sécurité : %6
</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="651" />
        <source>firmware</source>
        <translation>firmware</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="652" />
        <source>Payload: %1 %2 → region %3 at offset %4, %5 bytes</source>
        <translation>Charge utile : %1 %2 → région %3 au décalage %4, %5 octets</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="655" />
        <source> (requires firmware %1)</source>
        <translation> (nécessite le firmware %1)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="659" />
        <source>Verdict: compatible with this device. Send it now?</source>
        <translation>Verdict : compatible avec cet appareil. L’envoyer maintenant ?</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="660" />
        <source>Verdict: NOT compatible: %1</source>
        <translation>Verdict : NON compatible : %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="673" />
        <source>cannot use package: %1</source>
        <translation>paquet inutilisable : %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="674" />
        <location filename="../app/gui/main_window.cpp" line="682" />
        <source>Update</source>
        <translation>Mise à jour</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="674" />
        <source>Cannot use this package:
%1</source>
        <translation>Ce paquet est inutilisable :
%1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="677" />
        <source>package %1: board %2, version %3; %4</source>
        <translation>paquet %1 : carte %2, version %3 ; %4</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="679" />
        <source>compatible</source>
        <translation>compatible</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="679" />
        <source>not compatible: %1</source>
        <translation>non compatible : %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="685" />
        <source>Update device</source>
        <translation>Mettre à jour l'appareil</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="686" />
        <source>update cancelled</source>
        <translation>mise à jour annulée</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="702" />
        <source>Erase region %1 (%2..%3, %4 = %5 bytes)?
The application stored there is lost.</source>
        <translation>Effacer la région %1 (%2..%3, %4 = %5 octets) ?
L’application qui y est stockée sera perdue.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="705" />
        <source>Erase deployment</source>
        <translation>Effacer le déploiement</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="706" />
        <source>erase cancelled</source>
        <translation>effacement annulé</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="730" />
        <source>Restore config</source>
        <translation>Restaurer la configuration</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="730" />
        <source>Replace the device's whole config with %1?</source>
        <translation>Remplacer toute la configuration de l'appareil par %1 ?</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="731" />
        <source>restore cancelled</source>
        <translation>restauration annulée</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="767" />
        <source>settings not applied: %1</source>
        <translation>réglages non appliqués : %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="772" />
        <source>settings unchanged</source>
        <translation>réglages inchangés</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="796" />
        <source>cancelling…</source>
        <translation>annulation…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="809" />
        <source>started: %1</source>
        <translation>démarré : %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="814" />
        <source>Phase: %1</source>
        <translation>Phase : %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="818" />
        <source>%1 / %2 bytes</source>
        <translation>%1 / %2 octets</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="823" />
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="824" />
        <source>%1 s left</source>
        <translation>%1 s restantes</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="834" />
        <location filename="../app/gui/main_window.cpp" line="836" />
        <source>Done: %1</source>
        <translation>Terminé : %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="835" />
        <source>done: %1</source>
        <translation>terminé : %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="839" />
        <location filename="../app/gui/main_window.cpp" line="841" />
        <source>Failed: %1</source>
        <translation>Échec : %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="840" />
        <source>failed: %1: %2</source>
        <translation>échec : %1 : %2</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="850" />
        <source>%1 failed: %2</source>
        <translation>échec de %1 : %2</translation>
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
        <translation>AVERT</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="870" />
        <source>ERROR</source>
        <translation>ERREUR</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="883" />
        <source>cannot write %1: %2</source>
        <translation>impossible d'écrire %1 : %2</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="887" />
        <source>log saved to %1</source>
        <translation>journal enregistré dans %1</translation>
    </message>
</context>
<context>
    <name>piton::gui::RegionMap</name>
    <message>
        <location filename="../app/gui/region_map.cpp" line="99" />
        <source>no device</source>
        <translation>aucun appareil</translation>
    </message>
</context>
</TS>