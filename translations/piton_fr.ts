<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>FileField</name>
    <message>
        <source>Choose a file</source>
        <translation>Choisir un fichier</translation>
    </message>
</context>
<context>
    <name>RegionMap</name>
    <message>
        <source>protected</source>
        <translation>protégée</translation>
    </message>
    <message>
        <source>staging</source>
        <translation>préparation</translation>
    </message>
    <message>
        <source>external</source>
        <translation>externe</translation>
    </message>
    <message>
        <source>config</source>
        <translation>configuration</translation>
    </message>
    <message>
        <source>image</source>
        <translation>image</translation>
    </message>
</context>
<context>
    <name>piton::gui::DeviceWorker</name>
    <message>
        <source>not connected to a device</source>
        <translation>non connecté à un appareil</translation>
    </message>
    <message>
        <source>cannot read the config: %1</source>
        <translation>impossible de lire la configuration : %1</translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation>connexion à %1</translation>
    </message>
    <message>
        <source>the link is closed</source>
        <translation>la liaison est fermée</translation>
    </message>
    <message>
        <source>cannot read the device state: %1</source>
        <translation>impossible de lire l&apos;état de l&apos;appareil : %1</translation>
    </message>
    <message>
        <source>recovery check: %1</source>
        <translation>diagnostic de récupération : %1</translation>
    </message>
    <message>
        <source>the board stopped answering: %1</source>
        <translation>la carte ne répond plus : %1</translation>
    </message>
    <message>
        <source>connection lost: the board stopped answering (%1)</source>
        <translation>connexion perdue : la carte ne répond plus (%1)</translation>
    </message>
</context>
<context>
    <name>piton::gui::LogConsole</name>
    <message>
        <source>All levels</source>
        <translation>Tous les niveaux</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info et au-dessus</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Avertissements et erreurs</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Erreurs uniquement</translation>
    </message>
    <message>
        <source>Show only entries of this level or higher</source>
        <translation>Afficher uniquement les entrées de ce niveau ou d&apos;un niveau supérieur</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>Filtrer le texte</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filtre :</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>C&amp;opier</translation>
    </message>
    <message>
        <source>Copy the shown entries to the clipboard</source>
        <translation>Copier les entrées affichées dans le presse-papiers</translation>
    </message>
    <message>
        <source>Save log…</source>
        <translation>Enregistrer le journal…</translation>
    </message>
    <message>
        <source>Save the shown entries to a file for support</source>
        <translation>Enregistrer les entrées affichées dans un fichier pour le support</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Vider</translation>
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
        <translation>AVERT</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>ERREUR</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>piton::gui::MainWindow</name>
    <message>
        <source>connect to a device to deploy %1</source>
        <translation>connectez un appareil pour déployer %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Piton</source>
        <translation>Piton</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Transport:</source>
        <translation>Transport :</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Série</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>port or path, e.g. /dev/ttyUSB0</source>
        <translation>port ou chemin, p. ex. /dev/ttyUSB0</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>List the serial ports again</source>
        <translation>Lister à nouveau les ports série</translation>
    </message>
    <message>
        <source>host:port, e.g. 192.168.1.20:4000</source>
        <translation>hôte:port, p. ex. 192.168.1.20:4000</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connecter</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Déconnecter</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Board:</source>
        <translation>Carte :</translation>
    </message>
    <message>
        <source>Serial number:</source>
        <translation>Numéro de série :</translation>
    </message>
    <message>
        <source>Unique id:</source>
        <translation>Identifiant unique :</translation>
    </message>
    <message>
        <source>Versions:</source>
        <translation>Versions :</translation>
    </message>
    <message>
        <source>Locked:</source>
        <translation>Verrouillé :</translation>
    </message>
    <message>
        <source>Trusted keys:</source>
        <translation>Clés de confiance :</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>Update…</source>
        <translation>Mettre à jour…</translation>
    </message>
    <message>
        <source>Choose an update package (.ptpkg) or drop one on the window</source>
        <translation>Choisissez un paquet de mise à jour (.ptpkg) ou déposez-le sur la fenêtre</translation>
    </message>
    <message>
        <source>Erase deployment…</source>
        <translation>Effacer le déploiement…</translation>
    </message>
    <message>
        <source>Back up config…</source>
        <translation>Sauvegarder la configuration…</translation>
    </message>
    <message>
        <source>Restore config…</source>
        <translation>Restaurer la configuration…</translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation>Redémarrer</translation>
    </message>
    <message>
        <source>Reboot to bootloader</source>
        <translation>Redémarrer dans le bootloader</translation>
    </message>
    <message>
        <source>Use DHCP</source>
        <translation>Utiliser DHCP</translation>
    </message>
    <message>
        <source>USB product name</source>
        <translation>Nom de produit USB</translation>
    </message>
    <message>
        <source>1 to 32 printable characters</source>
        <translation>1 à 32 caractères imprimables</translation>
    </message>
    <message>
        <source>Apply settings</source>
        <translation>Appliquer les réglages</translation>
    </message>
    <message>
        <source>IP address:</source>
        <translation>Adresse IP :</translation>
    </message>
    <message>
        <source>Network mask:</source>
        <translation>Masque de réseau :</translation>
    </message>
    <message>
        <source>Gateway:</source>
        <translation>Passerelle :</translation>
    </message>
    <message>
        <source>USB product:</source>
        <translation>Produit USB :</translation>
    </message>
    <message>
        <source>Flash regions</source>
        <translation>Régions de la flash</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>Secteurs</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Attributs</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inactif</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Choose an update package</source>
        <translation>Choisir un paquet de mise à jour</translation>
    </message>
    <message>
        <source>Update packages (*.ptpkg);;All files (*)</source>
        <translation>Paquets de mise à jour (*.ptpkg);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Save config backup</source>
        <translation>Enregistrer la sauvegarde de configuration</translation>
    </message>
    <message>
        <source>Config backups (*.ptcfg);;All files (*)</source>
        <translation>Sauvegardes de configuration (*.ptcfg);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Choose a config backup</source>
        <translation>Choisir une sauvegarde de configuration</translation>
    </message>
    <message>
        <source>Save log</source>
        <translation>Enregistrer le journal</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>Fichiers journaux (*.log *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Enter host:port of the device.</source>
        <translation>Saisissez hôte:port de l&apos;appareil.</translation>
    </message>
    <message>
        <source>Choose a serial port or enter its path.</source>
        <translation>Choisissez un port série ou saisissez son chemin.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>connected to %1</source>
        <translation>connecté à %1</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Connecté à %1</translation>
    </message>
    <message>
        <source>connection failed: %1</source>
        <translation>échec de la connexion : %1</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>Échec de la connexion : %1</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>déconnecté</translation>
    </message>
    <message>
        <source>disconnected: %1</source>
        <translation>déconnecté : %1</translation>
    </message>
    <message>
        <source>ping: %1 answers in %2 ms (protocol %3, window %4, max payload %5 bytes)</source>
        <translation>ping : %1 répond en %2 ms (protocole %3, fenêtre %4, charge utile max. %5 octets)</translation>
    </message>
    <message>
        <source>application</source>
        <translation>application</translation>
    </message>
    <message>
        <source>bootloader</source>
        <translation>bootloader</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Bootloader (recovery mode)</source>
        <translation>Bootloader (mode de récupération)</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(non défini)</translation>
    </message>
    <message>
        <source>bootloader %1, firmware %2, application %3; security counter %4</source>
        <translation>bootloader %1, firmware %2, application %3 ; compteur de sécurité %4</translation>
    </message>
    <message>
        <source>yes (production: raw writes refused)</source>
        <translation>oui (production : écritures brutes refusées)</translation>
    </message>
    <message>
        <source>no (development)</source>
        <translation>non (développement)</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 octets</translation>
    </message>
    <message>
        <source>Connect to a device before updating it.</source>
        <translation>Connectez un appareil avant de le mettre à jour.</translation>
    </message>
    <message>
        <source>checking package %1</source>
        <translation>vérification du paquet %1</translation>
    </message>
    <message>
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
        <source>firmware</source>
        <translation>firmware</translation>
    </message>
    <message>
        <source>Payload: %1 %2 → region %3 at offset %4, %5 bytes</source>
        <translation>Charge utile : %1 %2 → région %3 au décalage %4, %5 octets</translation>
    </message>
    <message>
        <source> (requires firmware %1)</source>
        <translation> (nécessite le firmware %1)</translation>
    </message>
    <message>
        <source>Verdict: compatible with this device. Send it now?</source>
        <translation>Verdict : compatible avec cet appareil. L’envoyer maintenant ?</translation>
    </message>
    <message>
        <source>Verdict: NOT compatible: %1</source>
        <translation>Verdict : NON compatible : %1</translation>
    </message>
    <message>
        <source>cannot use package: %1</source>
        <translation>paquet inutilisable : %1</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Mise à jour</translation>
    </message>
    <message>
        <source>Cannot use this package:
%1</source>
        <translation>Ce paquet est inutilisable :
%1</translation>
    </message>
    <message>
        <source>package %1: board %2, version %3; %4</source>
        <translation>paquet %1 : carte %2, version %3 ; %4</translation>
    </message>
    <message>
        <source>compatible</source>
        <translation>compatible</translation>
    </message>
    <message>
        <source>not compatible: %1</source>
        <translation>non compatible : %1</translation>
    </message>
    <message>
        <source>Update device</source>
        <translation>Mettre à jour l&apos;appareil</translation>
    </message>
    <message>
        <source>update cancelled</source>
        <translation>mise à jour annulée</translation>
    </message>
    <message>
        <source>Erase region %1 (%2..%3, %4 = %5 bytes)?
The application stored there is lost.</source>
        <translation>Effacer la région %1 (%2..%3, %4 = %5 octets) ?
L’application qui y est stockée sera perdue.</translation>
    </message>
    <message>
        <source>Erase deployment</source>
        <translation>Effacer le déploiement</translation>
    </message>
    <message>
        <source>erase cancelled</source>
        <translation>effacement annulé</translation>
    </message>
    <message>
        <source>Restore config</source>
        <translation>Restaurer la configuration</translation>
    </message>
    <message>
        <source>Replace the device&apos;s whole config with %1?</source>
        <translation>Remplacer toute la configuration de l&apos;appareil par %1 ?</translation>
    </message>
    <message>
        <source>restore cancelled</source>
        <translation>restauration annulée</translation>
    </message>
    <message>
        <source>settings not applied: %1</source>
        <translation>réglages non appliqués : %1</translation>
    </message>
    <message>
        <source>settings unchanged</source>
        <translation>réglages inchangés</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>annulation…</translation>
    </message>
    <message>
        <source>started: %1</source>
        <translation>démarré : %1</translation>
    </message>
    <message>
        <source>Phase: %1</source>
        <translation>Phase : %1</translation>
    </message>
    <message>
        <source>%1 / %2 bytes</source>
        <translation>%1 / %2 octets</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>%1 s restantes</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Terminé : %1</translation>
    </message>
    <message>
        <source>done: %1</source>
        <translation>terminé : %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Échec : %1</translation>
    </message>
    <message>
        <source>failed: %1: %2</source>
        <translation>échec : %1 : %2</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>échec de %1 : %2</translation>
    </message>
    <message>
        <source>log saved to %1</source>
        <translation>journal enregistré dans %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <source>&amp;Device</source>
        <translation>&amp;Appareil</translation>
    </message>
    <message>
        <source>Settings stored on the device</source>
        <translation>Réglages enregistrés sur l&apos;appareil</translation>
    </message>
    <message>
        <source>&amp;Configuration</source>
        <translation>&amp;Configuration</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>&amp;Récupération</translation>
    </message>
    <message>
        <source>&amp;Keys and packages</source>
        <translation>Clés et &amp;paquets</translation>
    </message>
    <message>
        <source>Save the new private key</source>
        <translation>Enregistrer la nouvelle clé privée</translation>
    </message>
    <message>
        <source>PEM keys (*.pem);;All files (*)</source>
        <translation>Clés PEM (*.pem);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Choose the private key to sign with</source>
        <translation>Choisir la clé privée de signature</translation>
    </message>
    <message>
        <source>Choose a public key</source>
        <translation>Choisir une clé publique</translation>
    </message>
    <message>
        <source>Choose an image</source>
        <translation>Choisir une image</translation>
    </message>
    <message>
        <source>Images (*.hex *.ihex *.srec *.s19 *.s28 *.s37 *.mot *.elf *.axf *.dfu *.uf2 *.bin);;All files (*)</source>
        <translation>Images (*.hex *.ihex *.srec *.s19 *.s28 *.s37 *.mot *.elf *.axf *.dfu *.uf2 *.bin);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Save the package</source>
        <translation>Enregistrer le paquet</translation>
    </message>
    <message>
        <source>serial %1</source>
        <translation>n° de série %1</translation>
    </message>
    <message>
        <source>serial port appeared: %1</source>
        <translation>port série apparu : %1</translation>
    </message>
    <message>
        <source>serial port gone: %1</source>
        <translation>port série disparu : %1</translation>
    </message>
    <message>
        <source>The device is back. Resume the interrupted %1?</source>
        <translation>L&apos;appareil est de retour. Reprendre l&apos;opération interrompue « %1 » ?</translation>
    </message>
    <message>
        <source>device not back yet: %1</source>
        <translation>l&apos;appareil n&apos;est pas encore de retour : %1</translation>
    </message>
    <message>
        <source>%1 interrupted: %2</source>
        <translation>opération « %1 » interrompue : %2</translation>
    </message>
    <message>
        <source>The %1 was interrupted (%2), and the device answers again. Resume it?</source>
        <translation>L&apos;opération « %1 » a été interrompue (%2) et l&apos;appareil répond de nouveau. La reprendre ?</translation>
    </message>
    <message>
        <source>the interrupted %1 can be resumed</source>
        <translation>l&apos;opération interrompue « %1 » peut être reprise</translation>
    </message>
    <message>
        <source>The device disappeared during the %1 (%2). Waiting for it to come back…</source>
        <translation>L&apos;appareil a disparu pendant l&apos;opération « %1 » (%2). En attente de son retour…</translation>
    </message>
    <message>
        <source>device lost during the %1; waiting for %2 to come back</source>
        <translation>appareil perdu pendant l&apos;opération « %1 » ; en attente du retour de %2</translation>
    </message>
    <message>
        <source>resuming the %1</source>
        <translation>reprise de l&apos;opération « %1 »</translation>
    </message>
    <message>
        <source>the update will write regions: %1</source>
        <translation>la mise à jour écrira les régions : %1</translation>
    </message>
    <message>
        <source>

Regions written: %1</source>
        <translation>

Régions à écrire : %1</translation>
    </message>
    <message>
        <source>update with %1</source>
        <translation>mise à jour avec %1</translation>
    </message>
    <message>
        <source>erase %1</source>
        <translation>effacement de %1</translation>
    </message>
    <message>
        <source>config backup</source>
        <translation>sauvegarde de la configuration</translation>
    </message>
    <message>
        <source>config restore</source>
        <translation>restauration de la configuration</translation>
    </message>
    <message>
        <source>config change</source>
        <translation>modification de la configuration</translation>
    </message>
    <message>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>usb: selector, e.g. usb:?serial=PT-0001 or usb:?path=1-1.2</source>
        <translation>sélecteur usb:, p. ex. usb:?serial=PT-0001 ou usb:?path=1-1.2</translation>
    </message>
    <message>
        <source>Piton boards on USB (known VID:PID list); identify a board by its serial number or by the socket it is plugged into</source>
        <translation>Cartes Piton sur USB (liste de VID:PID connus) ; identifiez une carte par son numéro de série ou par le port sur lequel elle est branchée</translation>
    </message>
    <message>
        <source>USB board appeared: %1 (%2)</source>
        <translation>carte USB apparue : %1 (%2)</translation>
    </message>
    <message>
        <source>USB board gone: %1</source>
        <translation>carte USB disparue : %1</translation>
    </message>
    <message>
        <source>USB: %1</source>
        <translation>USB : %1</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>port %1</translation>
    </message>
    <message>
        <source>no access: see docs/usb.md (udev rules)</source>
        <translation>pas d&apos;accès : voir docs/usb.md (règles udev)</translation>
    </message>
    <message>
        <source>restore the config from %1</source>
        <translation>restaurer la configuration depuis %1</translation>
    </message>
    <message>
        <source>erase the staging region</source>
        <translation>effacer la région de préparation</translation>
    </message>
    <message>
        <source>deploy %1</source>
        <translation>déployer %1</translation>
    </message>
    <message>
        <source>reboot to start the application</source>
        <translation>redémarrer pour lancer l&apos;application</translation>
    </message>
    <message>
        <source>Recover the board (%1):</source>
        <translation>Récupérer la carte (%1) :</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Récupération</translation>
    </message>
    <message>
        <source>recovery cancelled</source>
        <translation>récupération annulée</translation>
    </message>
    <message>
        <source>recovery</source>
        <translation>récupération</translation>
    </message>
    <message>
        <source>Connection lost: %1</source>
        <translation>Connexion perdue : %1</translation>
    </message>
    <message>
        <source>reboot</source>
        <translation>redémarrage</translation>
    </message>
    <message>
        <source>reboot to the bootloader</source>
        <translation>redémarrage dans le chargeur d’amorçage</translation>
    </message>
    <message>
        <source>Warning: %1.

</source>
        <translation>Avertissement : %1.

</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>%1 in %2 s (%3/s)</source>
        <translation>%1 en %2 s (%3/s)</translation>
    </message>
    <message>
        <source>in %1 s</source>
        <translation>en %1 s</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Annulé : %1</translation>
    </message>
    <message>
        <source>cancelled: %1: %2</source>
        <translation>annulé : %1 : %2</translation>
    </message>
</context>
<context>
    <name>piton::gui::PackageToolsPage</name>
    <message>
        <source>Not a usable package: %1</source>
        <translation>Paquet inutilisable : %1</translation>
    </message>
    <message>
        <source>Package %1</source>
        <translation>Paquet %1</translation>
    </message>
    <message>
        <source>Size: %1 bytes, SHA-256 %2</source>
        <translation>Taille : %1 octets, SHA-256 %2</translation>
    </message>
    <message>
        <source>Board: %1, version %2, security counter %3</source>
        <translation>Carte : %1, version %2, compteur de sécurité %3</translation>
    </message>
    <message>
        <source>%1 %2 → %3 +%4, %5 bytes%6</source>
        <translation>%1 %2 → %3 +%4, %5 octets%6</translation>
    </message>
    <message>
        <source>firmware</source>
        <translation>firmware</translation>
    </message>
    <message>
        <source>application</source>
        <translation>application</translation>
    </message>
    <message>
        <source>, requires firmware %1</source>
        <translation>, nécessite le firmware %1</translation>
    </message>
    <message>
        <source>Payload hashes: ok</source>
        <translation>Hachages des charges utiles : corrects</translation>
    </message>
    <message>
        <source>Payload hashes: %1</source>
        <translation>Hachages des charges utiles : %1</translation>
    </message>
    <message>
        <source>Signature: %1</source>
        <translation>Signature : %1</translation>
    </message>
    <message>
        <source>Signature: does NOT verify under %1</source>
        <translation>Signature : NON valide avec %1</translation>
    </message>
    <message>
        <source>Signature: valid, key %1</source>
        <translation>Signature : valide, clé %1</translation>
    </message>
    <message>
        <source>Signature: not checked (choose a public key to check it)</source>
        <translation>Signature : non vérifiée (choisissez une clé publique pour la vérifier)</translation>
    </message>
    <message>
        <source>Signing keys</source>
        <translation>Clés de signature</translation>
    </message>
    <message>
        <source>&amp;Generate key pair…</source>
        <translation>&amp;Générer une paire de clés…</translation>
    </message>
    <message>
        <source>New EC P-256 key pair: the private key signs packages, the public key goes on the boards</source>
        <translation>Nouvelle paire de clés EC P-256 : la clé privée signe les paquets, la clé publique va sur les cartes</translation>
    </message>
    <message>
        <source>Build a package</source>
        <translation>Créer un paquet</translation>
    </message>
    <message>
        <source>Security counter: boards refuse packages with a lower one (anti-rollback)</source>
        <translation>Compteur de sécurité : les cartes refusent les paquets dont le compteur est inférieur (anti-rollback)</translation>
    </message>
    <message>
        <source>firmware image (.hex, .srec, .elf, .dfu, .uf2, .bin)</source>
        <translation>image (.hex, .srec, .elf, .dfu, .uf2, .bin)</translation>
    </message>
    <message>
        <source>Board:</source>
        <translation>Carte :</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version :</translation>
    </message>
    <message>
        <source>Security counter:</source>
        <translation>Compteur de sécurité :</translation>
    </message>
    <message>
        <source>Firmware:</source>
        <translation>Firmware :</translation>
    </message>
    <message>
        <source>load address, raw binaries only</source>
        <translation>seulement pour un binaire brut</translation>
    </message>
    <message>
        <source>Firmware address:</source>
        <translation>Adresse du firmware :</translation>
    </message>
    <message>
        <source>application image (.hex, .srec, .elf, .dfu, .uf2, .bin)</source>
        <translation>image (.hex, .srec, .elf, .dfu, .uf2, .bin)</translation>
    </message>
    <message>
        <source>Application:</source>
        <translation>Application :</translation>
    </message>
    <message>
        <source>Application address:</source>
        <translation>Adresse de l&apos;application :</translation>
    </message>
    <message>
        <source>optional, e.g. 1.2.0</source>
        <translation>facultatif, p. ex. 1.2.0</translation>
    </message>
    <message>
        <source>Requires firmware:</source>
        <translation>Firmware requis :</translation>
    </message>
    <message>
        <source>private key (.pem)</source>
        <translation>clé privée (.pem)</translation>
    </message>
    <message>
        <source>Signing key:</source>
        <translation>Clé de signature :</translation>
    </message>
    <message>
        <source>&amp;Build and sign…</source>
        <translation>Créer et &amp;signer…</translation>
    </message>
    <message>
        <source>Inspect a package</source>
        <translation>Inspecter un paquet</translation>
    </message>
    <message>
        <source>public key to check the signature (optional)</source>
        <translation>pour vérifier la signature (facultatif)</translation>
    </message>
    <message>
        <source>Public key:</source>
        <translation>Clé publique :</translation>
    </message>
    <message>
        <source>&amp;Inspect…</source>
        <translation>&amp;Inspecter…</translation>
    </message>
    <message>
        <source>generating a key pair…</source>
        <translation>génération d&apos;une paire de clés…</translation>
    </message>
    <message>
        <source>Key pair not generated: %1</source>
        <translation>Paire de clés non générée : %1</translation>
    </message>
    <message>
        <source>Key pair written: private key %1 (keep it secret), public key %2
Fingerprint %3</source>
        <translation>Paire de clés écrite : clé privée %1 (à garder secrète), clé publique %2
Empreinte %3</translation>
    </message>
    <message>
        <source>choose a board</source>
        <translation>choisissez une carte</translation>
    </message>
    <message>
        <source>version &quot;%1&quot; is not X.Y.Z</source>
        <translation>la version « %1 » n&apos;est pas au format X.Y.Z</translation>
    </message>
    <message>
        <source>give a firmware image, an application image, or both</source>
        <translation>indiquez une image de firmware, une image d&apos;application, ou les deux</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an address (0x08040000 or decimal)</source>
        <translation>« %1 » n&apos;est pas une adresse (0x08040000 ou décimal)</translation>
    </message>
    <message>
        <source>required firmware &quot;%1&quot; is not X.Y.Z</source>
        <translation>le firmware requis « %1 » n&apos;est pas au format X.Y.Z</translation>
    </message>
    <message>
        <source>choose the private key to sign with</source>
        <translation>choisissez la clé privée de signature</translation>
    </message>
    <message>
        <source>Package not built: %1</source>
        <translation>Paquet non créé : %1</translation>
    </message>
    <message>
        <source>building %1…</source>
        <translation>création de %1…</translation>
    </message>
    <message>
        <source>Package written: %1, signed by key %2
%3</source>
        <translation>Paquet écrit : %1, signé par la clé %2
%3</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Avertissement : %1</translation>
    </message>
    <message>
        <source>inspecting %1…</source>
        <translation>inspection de %1…</translation>
    </message>
</context>
<context>
    <name>piton::gui::RecoverPage</name>
    <message>
        <source>No device connected</source>
        <translation>Aucun appareil connecté</translation>
    </message>
    <message>
        <source>Connect to the board first (serial, network). A board that does not answer at all may need its ROM bootloader: see the recovery ladder in the documentation.</source>
        <translation>Connectez-vous d&apos;abord à la carte (série, réseau). Une carte qui ne répond plus du tout peut nécessiter son bootloader en ROM : voir les niveaux de récupération dans la documentation.</translation>
    </message>
    <message>
        <source>Nothing needs recovering</source>
        <translation>Aucune récupération nécessaire</translation>
    </message>
    <message>
        <source>signed package for this board (.ptpkg)</source>
        <translation>paquet signé (.ptpkg)</translation>
    </message>
    <message>
        <source>config backup taken earlier (.ptcfg)</source>
        <translation>sauvegarde antérieure (.ptcfg)</translation>
    </message>
    <message>
        <source>Package:</source>
        <translation>Paquet :</translation>
    </message>
    <message>
        <source>Config backup:</source>
        <translation>Sauvegarde de configuration :</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>&amp;Récupérer</translation>
    </message>
    <message>
        <source>Do what brings the board back, in the order shown</source>
        <translation>Effectuer, dans l&apos;ordre indiqué, ce qui remet la carte en état</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>&amp;Vérifier à nouveau</translation>
    </message>
    <message>
        <source>Read the board&apos;s state again</source>
        <translation>Relire l&apos;état de la carte</translation>
    </message>
    <message>
        <source>The board&apos;s state could not be read</source>
        <translation>Impossible de lire l&apos;état de la carte</translation>
    </message>
    <message>
        <source>The board needs recovering: %1</source>
        <translation>La carte doit être récupérée : %1</translation>
    </message>
    <message>
        <source>Recover will: %1</source>
        <translation>Action de récupération : %1</translation>
    </message>
    <message>
        <source>Also worth knowing:</source>
        <translation>À savoir également :</translation>
    </message>
    <message>
        <source>The application runs, staging and the configuration are intact.</source>
        <translation>L&apos;application fonctionne, la région de préparation et la configuration sont intactes.</translation>
    </message>
    <message>
        <source>choose the package to deploy</source>
        <translation>choisissez le paquet à déployer</translation>
    </message>
    <message>
        <source>choose the config backup to restore</source>
        <translation>choisissez la sauvegarde de configuration à restaurer</translation>
    </message>
    <message>
        <source>To recover: %1.</source>
        <translation>Pour la récupération : %1.</translation>
    </message>
</context>
<context>
    <name>piton::gui::RegionMap</name>
    <message>
        <source>no device</source>
        <translation>aucun appareil</translation>
    </message>
</context>
</TS>
