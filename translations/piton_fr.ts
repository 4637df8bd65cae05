<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Access</name>
    <message>
        <source>%1 failed (OpenSSL error %2)</source>
        <translation>échec de %1 (erreur OpenSSL %2)</translation>
    </message>
    <message>
        <source>sealed response shorter than counter and tag</source>
        <translation>réponse scellée plus courte que le compteur et l&apos;étiquette</translation>
    </message>
    <message>
        <source>sealed response replayed or reordered (counter %1 after %2)</source>
        <translation>réponse scellée rejouée ou réordonnée (compteur %1 après %2)</translation>
    </message>
    <message>
        <source>sealed response altered in transit (authentication tag does not match)</source>
        <translation>réponse scellée modifiée en transit (l&apos;étiquette d&apos;authentification ne correspond pas)</translation>
    </message>
    <message>
        <source>unknown role &apos;%1&apos;: use observer, technician or factory</source>
        <translation>rôle inconnu « %1 » : utilisez observer, technician ou factory</translation>
    </message>
    <message>
        <source>--for &apos;%1&apos;: give the board&apos;s unique id in hex (as `info` shows it, at most 16 bytes) or ALL</source>
        <translation>--for « %1 » : indiquez l&apos;identifiant unique de la carte en hexadécimal (tel que `info` l&apos;affiche, 16 octets au plus) ou ALL</translation>
    </message>
    <message>
        <source>credential of %1 bytes, expected %2</source>
        <translation>justificatif de %1 octets, %2 attendus</translation>
    </message>
    <message>
        <source>credential: magic, version or reserved byte wrong</source>
        <translation>justificatif : signature magique, version ou octet réservé incorrect</translation>
    </message>
    <message>
        <source>credential: role, unique id length or signature length out of range</source>
        <translation>justificatif : rôle, longueur de l&apos;identifiant unique ou de la signature hors limites</translation>
    </message>
    <message>
        <source>--days %1: a credential is valid for 1 to 3650 days</source>
        <translation>--days %1 : un justificatif est valable de 1 à 3650 jours</translation>
    </message>
    <message>
        <source>credential role or unique id out of range</source>
        <translation>rôle ou identifiant unique du justificatif hors limites</translation>
    </message>
    <message>
        <source>the holder&apos;s key is not a P-256 key</source>
        <translation>la clé du titulaire n&apos;est pas une clé P-256</translation>
    </message>
    <message>
        <source>credential validity outside 1970..2106</source>
        <translation>validité du justificatif hors de 1970..2106</translation>
    </message>
    <message>
        <source>cannot write credential %1: %2</source>
        <translation>impossible d&apos;écrire le justificatif %1 : %2</translation>
    </message>
    <message>
        <source>cannot read credential %1: %2</source>
        <translation>impossible de lire le justificatif %1 : %2</translation>
    </message>
    <message>
        <source>%1: no PITON CREDENTIAL block (make one with `piton-cli access issue`)</source>
        <translation>%1 : aucun bloc PITON CREDENTIAL (créez-en un avec `piton-cli access issue`)</translation>
    </message>
    <message>
        <source>%1: the credential block is not base64</source>
        <translation>%1 : le bloc du justificatif n&apos;est pas en base64</translation>
    </message>
    <message>
        <source>%1: no holder private key after the credential: %2</source>
        <translation>%1 : aucune clé privée du titulaire après le justificatif : %2</translation>
    </message>
    <message>
        <source>%1: the private key is not the credential&apos;s holder key</source>
        <translation>%1 : la clé privée n&apos;est pas la clé du titulaire du justificatif</translation>
    </message>
    <message>
        <source>AUTH_HELLO response of %1 bytes is malformed</source>
        <translation>la réponse AUTH_HELLO de %1 octets est malformée</translation>
    </message>
    <message>
        <source>AUTH_HELLO: the board&apos;s keys are not P-256 points</source>
        <translation>AUTH_HELLO : les clés de la carte ne sont pas des points P-256</translation>
    </message>
    <message>
        <source>the board&apos;s handshake signature does not verify: not the board it claims to be, or altered in transit</source>
        <translation>la signature de la poignée de main de la carte n&apos;est pas valide : ce n&apos;est pas la carte annoncée, ou elle a été modifiée en transit</translation>
    </message>
    <message>
        <source>AUTH_PROOF response of %1 bytes is malformed</source>
        <translation>la réponse AUTH_PROOF de %1 octets est malformée</translation>
    </message>
    <message>
        <source>AUTH_NONCE response of %1 bytes is malformed</source>
        <translation>la réponse AUTH_NONCE de %1 octets est malformée</translation>
    </message>
    <message>
        <source>AUTH_SIGNED response of %1 bytes is malformed</source>
        <translation>la réponse AUTH_SIGNED de %1 octets est malformée</translation>
    </message>
    <message>
        <source>%1 response grants role %2 with reserved bytes %3: expected a role of 1 to %4 (the credential&apos;s) and 0</source>
        <translation>La réponse %1 accorde le rôle %2 avec les octets réservés %3 : attendu un rôle de 1 à %4 (celui du justificatif) et 0</translation>
    </message>
</context>
<context>
    <name>BoardHistory</name>
    <message>
        <source>cannot create the history folder %1</source>
        <translation>impossible de créer le dossier d&apos;historique %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>no history for board %1 yet</source>
        <translation>pas encore d&apos;historique pour la carte %1</translation>
    </message>
</context>
<context>
    <name>BoardProfile</name>
    <message>
        <source>bad board id &apos;%1&apos;: use letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;</source>
        <translation>identifiant de carte &apos;%1&apos; invalide : utilisez lettres, chiffres, &apos;.&apos;, &apos;_&apos; et &apos;-&apos;</translation>
    </message>
    <message>
        <source>unknown board &apos;%1&apos;; known boards: %2 (searched %3)</source>
        <translation>carte &apos;%1&apos; inconnue ; cartes connues : %2 (recherché dans %3)</translation>
    </message>
    <message>
        <source>cannot open board profile %1: %2</source>
        <translation>impossible d&apos;ouvrir le profil de carte %1 : %2</translation>
    </message>
    <message>
        <source>board profile %1: %2</source>
        <translation>profil de carte %1 : %2</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>JSON invalide : %1 au décalage %2</translation>
    </message>
    <message>
        <source>top level is not a JSON object</source>
        <translation>le niveau supérieur n&apos;est pas un objet JSON</translation>
    </message>
    <message>
        <source>missing string &quot;id&quot;</source>
        <translation>chaîne &quot;id&quot; manquante</translation>
    </message>
    <message>
        <source>id &apos;%1&apos; is longer than 31 characters</source>
        <translation>l&apos;identifiant &apos;%1&apos; dépasse 31 caractères</translation>
    </message>
    <message>
        <source>missing array &quot;regions&quot;</source>
        <translation>tableau &quot;regions&quot; manquant</translation>
    </message>
    <message>
        <source>&quot;regions&quot; is empty</source>
        <translation>&quot;regions&quot; est vide</translation>
    </message>
    <message>
        <source>region %1</source>
        <translation>région %1</translation>
    </message>
    <message>
        <source> is not a JSON object</source>
        <translation> n&apos;est pas un objet JSON</translation>
    </message>
    <message>
        <source> has no &quot;name&quot;</source>
        <translation> n&apos;a pas de &quot;name&quot;</translation>
    </message>
    <message>
        <source>region name &apos;%1&apos; is longer than 15 characters</source>
        <translation>le nom de région &apos;%1&apos; dépasse 15 caractères</translation>
    </message>
    <message>
        <source>region &apos;%1&apos; appears twice</source>
        <translation>la région &apos;%1&apos; apparaît deux fois</translation>
    </message>
    <message>
        <source>region &apos;%1&apos;: &quot;address&quot; must be a string &quot;0x...&quot; of at most 32 bits</source>
        <translation>région &apos;%1&apos; : &quot;address&quot; doit être une chaîne &quot;0x...&quot; d&apos;au plus 32 bits</translation>
    </message>
    <message>
        <source>region &apos;%1&apos;: &quot;size&quot; must be a number of bytes, 1 .. 0xffffffff</source>
        <translation>région &apos;%1&apos; : &quot;size&quot; doit être un nombre d&apos;octets, 1 .. 0xffffffff</translation>
    </message>
    <message>
        <source>region &apos;%1&apos; runs past the 32-bit address space</source>
        <translation>la région &apos;%1&apos; dépasse l&apos;espace d&apos;adressage 32 bits</translation>
    </message>
    <message>
        <source>region &apos;%1&apos;: &quot;flags&quot; must be an array of strings</source>
        <translation>région &apos;%1&apos; : &quot;flags&quot; doit être un tableau de chaînes</translation>
    </message>
    <message>
        <source>region &apos;%1&apos; overlaps region &apos;%2&apos;</source>
        <translation>la région &apos;%1&apos; chevauche la région &apos;%2&apos;</translation>
    </message>
    <message>
        <source>&quot;uf2FamilyId&quot; must be a string &quot;0x...&quot; of at most 32 bits</source>
        <translation>&quot;uf2FamilyId&quot; doit être une chaîne &quot;0x...&quot; d&apos;au plus 32 bits</translation>
    </message>
</context>
<context>
    <name>ConfigBlob</name>
    <message>
        <source>key is empty</source>
        <translation>la clé est vide</translation>
    </message>
    <message>
        <source>key is %1 bytes long, at most %2 allowed</source>
        <translation>la clé fait %1 octets, au plus %2 permis</translation>
    </message>
    <message>
        <source>key contains &apos;%1&apos;; only a-z, 0-9, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; are allowed</source>
        <translation>la clé contient &apos;%1&apos; ; seuls a-z, 0-9, &apos;.&apos;, &apos;_&apos; et &apos;-&apos; sont permis</translation>
    </message>
    <message>
        <source>value is %1 bytes long, at most %2 allowed</source>
        <translation>la valeur fait %1 octets, au plus %2 permis</translation>
    </message>
    <message>
        <source>value is not valid UTF-8</source>
        <translation>la valeur n&apos;est pas de l&apos;UTF-8 valide</translation>
    </message>
    <message>
        <source>config blob: %1</source>
        <translation>bloc de configuration : %1</translation>
    </message>
    <message>
        <source>too short: %1 bytes, a blob has at least %2</source>
        <translation>trop court : %1 octets, un bloc en a au moins %2</translation>
    </message>
    <message>
        <source>too large: %1 bytes, at most %2 allowed</source>
        <translation>trop grand : %1 octets, au plus %2 permis</translation>
    </message>
    <message>
        <source>bad magic (expected &quot;PTCF&quot;)</source>
        <translation>nombre magique incorrect (attendu &quot;PTCF&quot;)</translation>
    </message>
    <message>
        <source>unsupported format version %1 (expected 1)</source>
        <translation>version de format %1 non prise en charge (attendu 1)</translation>
    </message>
    <message>
        <source>reserved byte 5 is %1, must be 0</source>
        <translation>l&apos;octet réservé 5 vaut %1, doit valoir 0</translation>
    </message>
    <message>
        <source>entries length %1 disagrees with the blob size %2 (expected %3)</source>
        <translation>la longueur des entrées %1 ne correspond pas à la taille du bloc %2 (attendu %3)</translation>
    </message>
    <message>
        <source>CRC mismatch: computed 0x%1, blob holds 0x%2</source>
        <translation>CRC incorrect : calculé 0x%1, le bloc contient 0x%2</translation>
    </message>
    <message>
        <source>entry %1 (offset %2)</source>
        <translation>entrée %1 (décalage %2)</translation>
    </message>
    <message>
        <source>%1: key length %2, must be 1..%3</source>
        <translation>%1 : longueur de clé %2, doit être 1..%3</translation>
    </message>
    <message>
        <source>%1: truncated key</source>
        <translation>%1 : clé tronquée</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos;: value length %3, at most %4 allowed</source>
        <translation>%1 &apos;%2&apos; : longueur de valeur %3, au plus %4 permis</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos;: truncated value</source>
        <translation>%1 &apos;%2&apos; : valeur tronquée</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos;: value is not valid UTF-8</source>
        <translation>%1 &apos;%2&apos; : la valeur n&apos;est pas de l&apos;UTF-8 valide</translation>
    </message>
    <message>
        <source>%1: key &apos;%2&apos; appears twice</source>
        <translation>%1 : la clé &apos;%2&apos; apparaît deux fois</translation>
    </message>
    <message>
        <source>%1: keys not in ascending order (&apos;%2&apos; after &apos;%3&apos;)</source>
        <translation>%1 : clés pas dans l&apos;ordre croissant (&apos;%2&apos; après &apos;%3&apos;)</translation>
    </message>
    <message>
        <source>entry count %1 in the header, but the entries hold %2</source>
        <translation>nombre d&apos;entrées %1 dans l&apos;en-tête, mais les entrées en contiennent %2</translation>
    </message>
    <message>
        <source>too many config entries (%1)</source>
        <translation>trop d&apos;entrées de configuration (%1)</translation>
    </message>
    <message>
        <source>config key &apos;%1&apos;: %2</source>
        <translation>clé de configuration &apos;%1&apos; : %2</translation>
    </message>
    <message>
        <source>config is %1 bytes, more than the %2 bytes a config region holds</source>
        <translation>la configuration fait %1 octets, plus que les %2 octets d&apos;une région de configuration</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>impossible d&apos;ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>more than %1</source>
        <translation>plus de %1</translation>
    </message>
    <message>
        <source>%1: config blob: too large: %2 bytes, at most %3 allowed</source>
        <translation>%1 : bloc de configuration : trop grand : %2 octets, au plus %3 permis</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>serial number must be 1..32 characters, is %1</source>
        <translation>le numéro de série doit faire 1..32 caractères, il en fait %1</translation>
    </message>
    <message>
        <source>serial number must be printable ASCII</source>
        <translation>le numéro de série doit être de l&apos;ASCII imprimable</translation>
    </message>
    <message>
        <source>must be 0 or 1, is &apos;%1&apos;</source>
        <translation>doit valoir 0 ou 1, vaut &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv4 address a.b.c.d (each 0..255)</source>
        <translation>&apos;%1&apos; n&apos;est pas une adresse IPv4 a.b.c.d (chacun 0..255)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a dotted-quad netmask a.b.c.d (each 0..255)</source>
        <translation>&apos;%1&apos; n&apos;est pas un masque de réseau a.b.c.d (chacun 0..255)</translation>
    </message>
    <message>
        <source>netmask %1 has non-contiguous one bits</source>
        <translation>le masque %1 a des bits à un non contigus</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a MAC address: six hex pairs separated by &apos;:&apos; (e.g. 02:00:00:12:34:56)</source>
        <translation>&apos;%1&apos; n&apos;est pas une adresse MAC : six paires hexadécimales séparées par &apos;:&apos; (p. ex. 02:00:00:12:34:56)</translation>
    </message>
    <message>
        <source>USB product string must be 1..64 characters, is %1</source>
        <translation>le nom de produit USB doit faire 1..64 caractères, il en fait %1</translation>
    </message>
</context>
<context>
    <name>DeployJob</name>
    <message>
        <source>downgrade: the %1 goes from %2 back to %3</source>
        <translation>rétrogradation : %1 revient de %2 à %3</translation>
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
        <source>the security counter rises from %1 to %2 once the new image confirms itself: packages with a counter below %2 will never install on this board again (this cannot be undone)</source>
        <translation>le compteur de sécurité passe de %1 à %2 dès que la nouvelle image se confirme : les paquets avec un compteur inférieur à %2 ne s&apos;installeront plus jamais sur cette carte (irréversible)</translation>
    </message>
    <message>
        <source>the package is signed by key %1, which the board revoked (key set generation %2): its packages never install again</source>
        <translation>le paquet est signé par la clé %1, que la carte a révoquée (génération du jeu de clés %2) : ses paquets ne s&apos;installeront plus jamais</translation>
    </message>
</context>
<context>
    <name>DeviceStatus</name>
    <message>
        <source>the board does not serve this command at its current stage or firmware version: reboot it into the stage that serves it (bootloader or application), or update its firmware</source>
        <translation>la carte ne sert pas cette commande dans son étage ou sa version de firmware actuels : redémarrez-la dans l&apos;étage qui la sert (bootloader ou application), ou mettez à jour son firmware</translation>
    </message>
    <message>
        <source>the board found the request malformed (length, reserved bytes or field values): the workstation and the board&apos;s firmware may differ in protocol version; update the older one</source>
        <translation>la carte juge la requête mal formée (longueur, octets réservés ou valeurs de champs) : le poste et le firmware de la carte ont peut-être des versions de protocole différentes ; mettez à jour la plus ancienne</translation>
    </message>
    <message>
        <source>the board has no region with that id: list its regions and pick one of them</source>
        <translation>la carte n&apos;a pas de région avec cet identifiant : listez ses régions et choisissez-en une</translation>
    </message>
    <message>
        <source>the offset or length lies outside the region, or the request is larger than the board takes: check the range against the board&apos;s regions</source>
        <translation>le décalage ou la longueur sort de la région, ou la requête dépasse ce que la carte accepte : vérifiez la plage d&apos;après les régions de la carte</translation>
    </message>
    <message>
        <source>the erase range does not start and end on sector boundaries: widen it to whole sectors</source>
        <translation>la plage à effacer ne commence ni ne finit sur des limites de secteur : étendez-la à des secteurs entiers</translation>
    </message>
    <message>
        <source>the region is protected, or this operation is not allowed on it: pick another region, or change it with an update package</source>
        <translation>la région est protégée, ou cette opération n&apos;y est pas permise : choisissez une autre région, ou modifiez-la par un paquet de mise à jour</translation>
    </message>
    <message>
        <source>the board is locked (production) and takes no raw writes: install a signed update package instead</source>
        <translation>la carte est verrouillée (production) et n&apos;accepte aucune écriture brute : installez plutôt un paquet de mise à jour signé</translation>
    </message>
    <message>
        <source>the flash there is not erased: erase the range first, then write again</source>
        <translation>la flash n&apos;y est pas effacée : effacez d&apos;abord la plage, puis écrivez à nouveau</translation>
    </message>
    <message>
        <source>the board&apos;s flash driver reported a failure: try again; if it repeats, check the board&apos;s supply and flash</source>
        <translation>le pilote flash de la carte a signalé une défaillance : réessayez ; si cela se répète, vérifiez l&apos;alimentation et la flash de la carte</translation>
    </message>
    <message>
        <source>the update data arrived at an unexpected offset, or no update was begun: start the update again</source>
        <translation>les données de mise à jour sont arrivées à un décalage inattendu, ou aucune mise à jour n&apos;a été commencée : recommencez la mise à jour</translation>
    </message>
    <message>
        <source>the package is larger than the board&apos;s staging region: build a smaller package (compressed payloads help)</source>
        <translation>le paquet est plus grand que la région de staging de la carte : créez un paquet plus petit (les charges utiles compressées aident)</translation>
    </message>
    <message>
        <source>the package&apos;s signature is invalid, or the board does not trust its signer: sign it with a package key the board trusts</source>
        <translation>la signature du paquet n&apos;est pas valide, ou la carte ne fait pas confiance à son signataire : signez-le avec une clé de paquet à laquelle la carte fait confiance</translation>
    </message>
    <message>
        <source>the package or a payload does not match its SHA-256: the file is damaged or altered; build or copy it again</source>
        <translation>le paquet ou une charge utile ne correspond pas à son SHA-256 : le fichier est endommagé ou modifié ; créez-le ou copiez-le à nouveau</translation>
    </message>
    <message>
        <source>the package was built for another board: use the package for this board</source>
        <translation>le paquet a été créé pour une autre carte : utilisez le paquet de cette carte</translation>
    </message>
    <message>
        <source>the application needs a firmware version this board lacks: update the board&apos;s firmware first</source>
        <translation>l&apos;application exige une version de firmware que cette carte n&apos;a pas : mettez d&apos;abord à jour le firmware de la carte</translation>
    </message>
    <message>
        <source>rollback refused: the package&apos;s security counter is below the board&apos;s or raised too far, or its payload is older than the installed one: use a newer package, or one released for rollback</source>
        <translation>retour arrière refusé : le compteur de sécurité du paquet est inférieur à celui de la carte ou augmente trop, ou sa charge utile est plus ancienne que celle installée : utilisez un paquet plus récent, ou un paquet publié pour le retour arrière</translation>
    </message>
    <message>
        <source>the package or its manifest is malformed: build the package again</source>
        <translation>le paquet ou son manifeste est mal formé : créez à nouveau le paquet</translation>
    </message>
    <message>
        <source>the config blob or entry is malformed (magic, CRC, key syntax or size): check the key and the value</source>
        <translation>le bloc ou l&apos;entrée de configuration est mal formé (magic, CRC, syntaxe de la clé ou taille) : vérifiez la clé et la valeur</translation>
    </message>
    <message>
        <source>the board has no config entry with that key: check the key&apos;s spelling</source>
        <translation>la carte n&apos;a pas d&apos;entrée de configuration avec cette clé : vérifiez l&apos;orthographe de la clé</translation>
    </message>
    <message>
        <source>the board cannot do this in its current state (for example no update begun, or no image in trial): read its state and take the step it waits for</source>
        <translation>la carte ne peut pas faire cela dans son état actuel (par exemple aucune mise à jour commencée, ou aucune image à l&apos;essai) : lisez son état et effectuez l&apos;étape qu&apos;elle attend</translation>
    </message>
    <message>
        <source>the board hit an internal error: reboot it; if it repeats, report it with the board&apos;s firmware version</source>
        <translation>la carte a rencontré une erreur interne : redémarrez-la ; si cela se répète, signalez-le avec la version du firmware de la carte</translation>
    </message>
    <message>
        <source>another session holds the board or its staging transfer; nothing was changed: wait until it is done, or take the board over (--take-over)</source>
        <translation>une autre session tient la carte ou son transfert de staging ; rien n&apos;a été modifié : attendez qu&apos;elle ait fini, ou reprenez la carte (--take-over)</translation>
    </message>
    <message>
        <source>the board needs a session with a higher role for this; nothing was changed: give a credential (--credential or the settings)</source>
        <translation>la carte exige pour cela une session avec un rôle plus élevé ; rien n&apos;a été modifié : fournissez un justificatif (--credential ou les paramètres)</translation>
    </message>
    <message>
        <source>the board refused the credential (untrusted access key, expired or not yet valid, for another board, or a proof that does not verify): check the credential, its dates and the workstation&apos;s clock</source>
        <translation>la carte a refusé le justificatif (clé d&apos;accès non reconnue, expiré ou pas encore valide, pour une autre carte, ou une preuve qui ne se vérifie pas) : vérifiez le justificatif, ses dates et l&apos;horloge du poste</translation>
    </message>
    <message>
        <source>the board refused a sealed frame (altered, replayed, or the session idle too long) and ended the session: connect again</source>
        <translation>la carte a refusé une trame scellée (modifiée, rejouée, ou session inactive trop longtemps) et a mis fin à la session : connectez-vous à nouveau</translation>
    </message>
    <message>
        <source>too many erases or log-in attempts in a short time: wait a while, then retry</source>
        <translation>trop d&apos;effacements ou de tentatives de connexion en peu de temps : attendez un moment, puis réessayez</translation>
    </message>
    <message>
        <source>the encrypted package is wrapped to no key this board holds: encrypt it to this board&apos;s product or device key</source>
        <translation>le paquet chiffré n&apos;est enveloppé pour aucune clé que détient cette carte : chiffrez-le pour la clé de produit ou d&apos;appareil de cette carte</translation>
    </message>
    <message>
        <source>the key update&apos;s generation is not above the board&apos;s key set (a replay of an older one); nothing was changed: build the key update with a higher generation</source>
        <translation>la génération de la mise à jour des clés n&apos;est pas supérieure à celle du jeu de clés de la carte (rejeu d&apos;une plus ancienne) ; rien n&apos;a été modifié : créez la mise à jour des clés avec une génération plus élevée</translation>
    </message>
    <message>
        <source>every slot of the board&apos;s key store is used and none can be reclaimed; the board keeps its key set: re-provision it at the factory</source>
        <translation>chaque emplacement du magasin de clés de la carte est utilisé et aucun ne peut être récupéré ; la carte garde son jeu de clés : reprovisionnez-la en usine</translation>
    </message>
    <message>
        <source>the board trusts no access key, so nobody could service it once locked; nothing was changed: provision an access key first, then lock it</source>
        <translation>la carte ne fait confiance à aucune clé d&apos;accès, une fois verrouillée personne ne pourrait l&apos;entretenir ; rien n&apos;a été modifié : provisionnez d&apos;abord une clé d&apos;accès, puis verrouillez-la</translation>
    </message>
</context>
<context>
    <name>Encryption</name>
    <message>
        <source>%1 failed in OpenSSL: %2</source>
        <translation>%1 a échoué dans OpenSSL : %2</translation>
    </message>
    <message>
        <source>key block: %1</source>
        <translation>bloc de clés : %1</translation>
    </message>
    <message>
        <source>magic is not PTKB</source>
        <translation>l&apos;identifiant n&apos;est pas PTKB</translation>
    </message>
    <message>
        <source>version %1 is not 1</source>
        <translation>la version %1 n&apos;est pas 1</translation>
    </message>
    <message>
        <source>%1 recipients, expected 1 to 4</source>
        <translation>%1 destinataires, 1 à 4 attendus</translation>
    </message>
    <message>
        <source>reserved bytes are not 0</source>
        <translation>les octets réservés ne sont pas 0</translation>
    </message>
    <message>
        <source>length %1 does not match %2 recipients</source>
        <translation>la longueur %1 ne correspond pas à %2 destinataires</translation>
    </message>
    <message>
        <source>recipient %1 has unknown kind %2</source>
        <translation>le destinataire %1 a le type inconnu %2</translation>
    </message>
    <message>
        <source>recipient %1 reserved bytes are not 0</source>
        <translation>les octets réservés du destinataire %1 ne sont pas 0</translation>
    </message>
    <message>
        <source>recipient %1: ephemeral key is not an uncompressed point</source>
        <translation>destinataire %1 : la clé éphémère n&apos;est pas un point non compressé</translation>
    </message>
    <message>
        <source>content key wrap: a 32-byte key, a 32-byte manifest hash and a recipient key are needed</source>
        <translation>chiffrement de la clé de contenu : une clé de 32 octets, un hachage de manifeste de 32 octets et une clé de destinataire sont nécessaires</translation>
    </message>
    <message>
        <source>content key unwrap: a key and a 32-byte manifest hash are needed</source>
        <translation>déchiffrement de la clé de contenu : une clé et un hachage de manifeste de 32 octets sont nécessaires</translation>
    </message>
    <message>
        <source>the key %1 is not this recipient&apos;s key %2</source>
        <translation>la clé %1 n&apos;est pas la clé %2 de ce destinataire</translation>
    </message>
    <message>
        <source>the ephemeral key of the recipient is not a P-256 point</source>
        <translation>la clé éphémère du destinataire n&apos;est pas un point P-256</translation>
    </message>
    <message>
        <source>the ephemeral key of the recipient is not a valid P-256 point</source>
        <translation>la clé éphémère du destinataire n&apos;est pas un point P-256 valide</translation>
    </message>
    <message>
        <source>the wrapped content key does not authenticate under key %1</source>
        <translation>la clé de contenu chiffrée ne s&apos;authentifie pas avec la clé %1</translation>
    </message>
    <message>
        <source>AES-256-CTR needs a 32-byte key and a 16-byte counter block</source>
        <translation>AES-256-CTR nécessite une clé de 32 octets et un bloc compteur de 16 octets</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>Choose a file</source>
        <translation>Choisir un fichier</translation>
    </message>
</context>
<context>
    <name>KeyUpdate</name>
    <message>
        <source>key update: %1</source>
        <translation>mise à jour des clés : %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is neither a public key file nor a key fingerprint (64 hex digits)</source>
        <translation>« %1 » n&apos;est ni un fichier de clé publique ni une empreinte de clé (64 chiffres hexadécimaux)</translation>
    </message>
    <message>
        <source>not a P-256 public key</source>
        <translation>pas une clé publique P-256</translation>
    </message>
    <message>
        <source>no private key</source>
        <translation>pas de clé privée</translation>
    </message>
    <message>
        <source>cannot read the private key&apos;s scalar</source>
        <translation>impossible de lire le scalaire de la clé privée</translation>
    </message>
    <message>
        <source>not a package file (magic is not PTPK)</source>
        <translation>pas un fichier de paquet (le magic n&apos;est pas PTPK)</translation>
    </message>
    <message>
        <source>header version, size or reserved field not valid (key updates carry no header extensions)</source>
        <translation>version, taille ou champ réservé de l&apos;en-tête non valide (les mises à jour des clés n&apos;ont pas d&apos;extensions d&apos;en-tête)</translation>
    </message>
    <message>
        <source>%1 bytes do not match the manifest (%2) and signature (%3) lengths</source>
        <translation>%1 octets ne correspondent pas aux longueurs du manifeste (%2) et de la signature (%3)</translation>
    </message>
    <message>
        <source>manifest magic is not PTKU: this is not a key update</source>
        <translation>le magic du manifeste n&apos;est pas PTKU : ce n&apos;est pas une mise à jour des clés</translation>
    </message>
    <message>
        <source>format version %1 is not 1</source>
        <translation>la version de format %1 n&apos;est pas 1</translation>
    </message>
    <message>
        <source>%1 entries, expected 1 to 6</source>
        <translation>%1 entrées, 1 à 6 attendues</translation>
    </message>
    <message>
        <source>board id is not NUL-padded ASCII</source>
        <translation>l&apos;identifiant de carte n&apos;est pas de l&apos;ASCII complété par des NUL</translation>
    </message>
    <message>
        <source>flags 0x%1 are not supported</source>
        <translation>les drapeaux 0x%1 ne sont pas pris en charge</translation>
    </message>
    <message>
        <source>generation 0 is the factory provisioning</source>
        <translation>la génération 0 est le provisionnement d&apos;usine</translation>
    </message>
    <message>
        <source>manifest of %1 bytes, expected %2</source>
        <translation>manifeste de %1 octets, %2 attendus</translation>
    </message>
    <message>
        <source>entry %1: action, role or reserved bytes not valid</source>
        <translation>entrée %1 : action, rôle ou octets réservés non valides</translation>
    </message>
    <message>
        <source>entry %1: a revocation carries no key</source>
        <translation>entrée %1 : une révocation ne contient pas de clé</translation>
    </message>
    <message>
        <source>entry %1: the product key is revoked by delivering a new one</source>
        <translation>entrée %1 : la clé produit est révoquée en en livrant une nouvelle</translation>
    </message>
    <message>
        <source>entry %1: the key is not an uncompressed P-256 point matching its fingerprint</source>
        <translation>entrée %1 : la clé n&apos;est pas un point P-256 non compressé correspondant à son empreinte</translation>
    </message>
    <message>
        <source>a new product key needs exactly one product key entry and the key block</source>
        <translation>une nouvelle clé produit exige exactement une entrée de clé produit et le bloc de clés</translation>
    </message>
    <message>
        <source>cannot open key update %1: %2</source>
        <translation>impossible d&apos;ouvrir la mise à jour des clés %1 : %2</translation>
    </message>
    <message>
        <source>the key update is not signed by any of the given root keys</source>
        <translation>la mise à jour des clés n&apos;est signée par aucune des clés racine données</translation>
    </message>
    <message>
        <source>a key update needs the root key to sign it</source>
        <translation>une mise à jour des clés doit être signée par la clé racine</translation>
    </message>
    <message>
        <source>the generation must be 1 or more (0 is the factory provisioning)</source>
        <translation>la génération doit valoir 1 ou plus (0 est le provisionnement d&apos;usine)</translation>
    </message>
    <message>
        <source>board id must have 1 to 31 characters</source>
        <translation>l&apos;identifiant de carte doit avoir de 1 à 31 caractères</translation>
    </message>
    <message>
        <source>a new product key travels wrapped to the board&apos;s current product key: give --wrap-to</source>
        <translation>une nouvelle clé produit voyage chiffrée pour la clé produit actuelle de la carte : indiquez --wrap-to</translation>
    </message>
    <message>
        <source>a key update needs at least one key to add or revoke</source>
        <translation>une mise à jour des clés doit ajouter ou révoquer au moins une clé</translation>
    </message>
    <message>
        <source>%1 keys to add or revoke; a key update holds at most 6</source>
        <translation>%1 clés à ajouter ou révoquer ; une mise à jour des clés en contient au plus 6</translation>
    </message>
    <message>
        <source>%1 root keys added; one key update adds at most one</source>
        <translation>%1 clés racine ajoutées ; une mise à jour des clés en ajoute au plus une</translation>
    </message>
    <message>
        <source>root key proof: signature length or padding not valid</source>
        <translation>preuve de la clé racine : longueur de signature ou remplissage non valide</translation>
    </message>
    <message>
        <source>the new root key&apos;s proof of possession does not verify: the update was not signed by the private half of the root key it adds</source>
        <translation>la preuve de possession de la nouvelle clé racine n&apos;est pas valide : la mise à jour n&apos;a pas été signée par la moitié privée de la clé racine qu&apos;elle ajoute</translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <source>unknown OpenSSL error</source>
        <translation>erreur OpenSSL inconnue</translation>
    </message>
    <message>
        <source>key type %1 is not EC (an ECDSA P-256 key is required)</source>
        <translation>le type de clé %1 n&apos;est pas EC (une clé ECDSA P-256 est requise)</translation>
    </message>
    <message>
        <source>EC key without a named curve (P-256 is required)</source>
        <translation>clé EC sans courbe nommée (P-256 est requise)</translation>
    </message>
    <message>
        <source>EC key on curve %1; only P-256 (prime256v1) is accepted</source>
        <translation>clé EC sur la courbe %1 ; seule P-256 (prime256v1) est acceptée</translation>
    </message>
    <message>
        <source>cannot open %1 %2: %3</source>
        <translation>impossible d&apos;ouvrir %1 %2 : %3</translation>
    </message>
    <message>
        <source>no public key to verify the signature with</source>
        <translation>aucune clé publique pour vérifier la signature</translation>
    </message>
    <message>
        <source>cannot set up signature verification: %1</source>
        <translation>impossible de préparer la vérification de signature : %1</translation>
    </message>
    <message>
        <source>signature does not verify under key %1</source>
        <translation>la signature n&apos;est pas valide avec la clé %1</translation>
    </message>
    <message>
        <source>no public key to save</source>
        <translation>aucune clé publique à enregistrer</translation>
    </message>
    <message>
        <source>cannot write public key %1: %2</source>
        <translation>impossible d&apos;écrire la clé publique %1 : %2</translation>
    </message>
    <message>
        <source>not a DER SubjectPublicKeyInfo: %1</source>
        <translation>pas un SubjectPublicKeyInfo DER : %1</translation>
    </message>
    <message>
        <source>not a PEM public key (SubjectPublicKeyInfo) or private key</source>
        <translation>ni une clé publique PEM (SubjectPublicKeyInfo) ni une clé privée</translation>
    </message>
    <message>
        <source>no private key to save</source>
        <translation>aucune clé privée à enregistrer</translation>
    </message>
    <message>
        <source>cannot encode the private key: %1</source>
        <translation>impossible d&apos;encoder la clé privée : %1</translation>
    </message>
    <message>
        <source>cannot write private key %1: %2</source>
        <translation>impossible d&apos;écrire la clé privée %1 : %2</translation>
    </message>
    <message>
        <source>no private key to sign with</source>
        <translation>aucune clé privée pour signer</translation>
    </message>
    <message>
        <source>cannot sign: %1</source>
        <translation>impossible de signer : %1</translation>
    </message>
    <message>
        <source>encrypted private keys are not supported (%1)</source>
        <translation>les clés privées chiffrées ne sont pas prises en charge (%1)</translation>
    </message>
    <message>
        <source>not a PEM private key (PKCS#8 or SEC 1): %1</source>
        <translation>pas une clé privée PEM (PKCS#8 ou SEC 1) : %1</translation>
    </message>
    <message>
        <source>cannot generate an EC P-256 key: %1</source>
        <translation>impossible de générer une clé EC P-256 : %1</translation>
    </message>
    <message>
        <source>private key</source>
        <translation>clé privée</translation>
    </message>
    <message>
        <source>public key</source>
        <translation>clé publique</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a key fingerprint (64 hex digits of SHA-256)</source>
        <translation>&apos;%1&apos; n&apos;est pas une empreinte de clé (64 chiffres hexadécimaux de SHA-256)</translation>
    </message>
</context>
<context>
    <name>Lz4Payload</name>
    <message>
        <source>LZ4 %1 failed: %2</source>
        <translation>LZ4 (%1) a échoué : %2</translation>
    </message>
    <message>
        <source>LZ4 frame of %1 bytes is shorter than its header</source>
        <translation>La trame LZ4 de %1 octets est plus courte que son en-tête</translation>
    </message>
    <message>
        <source>LZ4 frame is not version 1 with independent blocks and no block checksum or dictionary (FLG 0x%1)</source>
        <translation>La trame LZ4 n’est pas de version 1 à blocs indépendants sans somme de contrôle de bloc ni dictionnaire (FLG 0x%1)</translation>
    </message>
    <message>
        <source>LZ4 block of %1 bytes at frame offset %2 exceeds the device&apos;s %3-byte block buffer</source>
        <translation>Le bloc LZ4 de %1 octets à la position %2 de la trame dépasse le tampon de bloc de %3 octets de l’appareil</translation>
    </message>
    <message>
        <source>LZ4 frame decodes to more than the image&apos;s %1 bytes</source>
        <translation>La trame LZ4 donne plus que les %1 octets de l’image</translation>
    </message>
    <message>
        <source>LZ4 frame is truncated after %1 image bytes</source>
        <translation>La trame LZ4 est tronquée après %1 octets d’image</translation>
    </message>
    <message>
        <source>%1 bytes follow the LZ4 frame</source>
        <translation>%1 octets suivent la trame LZ4</translation>
    </message>
    <message>
        <source>LZ4 frame decodes to %1 bytes, the descriptor says %2</source>
        <translation>La trame LZ4 donne %1 octets, le descripteur indique %2</translation>
    </message>
</context>
<context>
    <name>Manifest</name>
    <message>
        <source>manifest: %1</source>
        <translation>manifeste : %1</translation>
    </message>
    <message>
        <source>board id &apos;%1&apos; must be 1..31 printable ASCII characters</source>
        <translation>l&apos;identifiant de carte &apos;%1&apos; doit comporter 1..31 caractères ASCII imprimables</translation>
    </message>
    <message>
        <source>%1 payloads; a package holds 1 or 2</source>
        <translation>%1 charges utiles ; un paquet en contient 1 ou 2</translation>
    </message>
    <message>
        <source>payload %1</source>
        <translation>charge utile %1</translation>
    </message>
    <message>
        <source>%1: unknown kind %2 (1 firmware, 2 application)</source>
        <translation>%1 : type %2 inconnu (1 firmware, 2 application)</translation>
    </message>
    <message>
        <source>%1: a second payload of kind %2 (%3); at most one per kind</source>
        <translation>%1 : une deuxième charge utile de type %2 (%3) ; au plus une par type</translation>
    </message>
    <message>
        <source>%1: kind %2 must target region &apos;%3&apos;, targets &apos;%4&apos;</source>
        <translation>%1 : le type %2 doit viser la région &apos;%3&apos;, vise &apos;%4&apos;</translation>
    </message>
    <message>
        <source>%1: size is 0</source>
        <translation>%1 : la taille est 0</translation>
    </message>
    <message>
        <source>%1: payload offset %2, expected %3 (payloads back to back)</source>
        <translation>%1 : décalage de charge utile %2, attendu %3 (charges utiles bout à bout)</translation>
    </message>
    <message>
        <source>%1: payloads exceed 4 GiB</source>
        <translation>%1 : les charges utiles dépassent 4 Gio</translation>
    </message>
    <message>
        <source>%1: load offset + size exceeds 32 bits</source>
        <translation>%1 : décalage de chargement + taille dépasse 32 bits</translation>
    </message>
    <message>
        <source>%1: SHA-256 must be 32 bytes, is %2</source>
        <translation>%1 : le SHA-256 doit faire 32 octets, il en fait %2</translation>
    </message>
    <message>
        <source>%1: requires-firmware is for applications only, must be 0 for firmware</source>
        <translation>%1 : requires-firmware ne vaut que pour les applications, doit être 0 pour un firmware</translation>
    </message>
    <message>
        <source>too short: %1 bytes, at least %2</source>
        <translation>trop court : %1 octets, au moins %2</translation>
    </message>
    <message>
        <source>bad magic (expected &quot;PTMF&quot;)</source>
        <translation>nombre magique incorrect (attendu &quot;PTMF&quot;)</translation>
    </message>
    <message>
        <source>payload count %1; a package holds 1 or 2</source>
        <translation>nombre de charges utiles %1 ; un paquet en contient 1 ou 2</translation>
    </message>
    <message>
        <source>length %1 bytes, expected %2 for %3 payloads</source>
        <translation>longueur %1 octets, attendu %2 pour %3 charges utiles</translation>
    </message>
    <message>
        <source>board id is not NUL-padded printable ASCII of at most 31 characters</source>
        <translation>l&apos;identifiant de carte n&apos;est pas de l&apos;ASCII imprimable d&apos;au plus 31 caractères complété par des NUL</translation>
    </message>
    <message>
        <source>payload %1: reserved bytes are not 0</source>
        <translation>charge utile %1 : les octets réservés ne sont pas à 0</translation>
    </message>
    <message>
        <source>payload %1: region name is not NUL-padded printable ASCII of at most 15 characters</source>
        <translation>charge utile %1 : le nom de région n&apos;est pas de l&apos;ASCII imprimable d&apos;au plus 15 caractères complété par des NUL</translation>
    </message>
    <message>
        <source>unsupported manifest format version %1 (expected 1 or 2)</source>
        <translation>version de format de manifeste %1 non prise en charge (1 ou 2 attendu)</translation>
    </message>
    <message>
        <source>the encrypted flag needs manifest format 2</source>
        <translation>l’indicateur de chiffrement exige le format de manifeste 2</translation>
    </message>
    <message>
        <source>unknown flags 0x%1 set</source>
        <translation>indicateurs inconnus 0x%1 présents</translation>
    </message>
    <message>
        <source>%1 bytes after the payload descriptors, but the package is not encrypted</source>
        <translation>%1 octets après les descripteurs de charge, mais le paquet n’est pas chiffré</translation>
    </message>
    <message>
        <source>%1: encoding 0x%2 needs manifest format 2</source>
        <translation>%1 : l’encodage 0x%2 exige le format de manifeste 2</translation>
    </message>
    <message>
        <source>%1: unknown encoding bits 0x%2</source>
        <translation>%1 : bits d’encodage inconnus 0x%2</translation>
    </message>
    <message>
        <source>%1: encrypted payload in a package without the encrypted flag</source>
        <translation>%1 : charge chiffrée dans un paquet sans l’indicateur de chiffrement</translation>
    </message>
    <message>
        <source>%1: counter block must be 16 bytes, is %2</source>
        <translation>%1 : le bloc compteur doit faire 16 octets, il en fait %2</translation>
    </message>
    <message>
        <source>%1: counter block set, but the payload is not encrypted</source>
        <translation>%1 : bloc compteur présent, mais la charge n’est pas chiffrée</translation>
    </message>
    <message>
        <source>%1: image size is 0</source>
        <translation>%1 : la taille de l’image est 0</translation>
    </message>
    <message>
        <source>%1: load offset + image size exceeds 32 bits</source>
        <translation>%1 : position de chargement + taille de l’image dépasse 32 bits</translation>
    </message>
    <message>
        <source>%1: image SHA-256 must be 32 bytes, is %2</source>
        <translation>%1 : le SHA-256 de l’image doit faire 32 octets, il en fait %2</translation>
    </message>
    <message>
        <source>payload %1: not encoded, but its image size or SHA-256 differs from the stored one</source>
        <translation>charge %1 : non encodée, mais la taille ou le SHA-256 de son image diffère de ceux stockés</translation>
    </message>
    <message>
        <source>this is a key update, not an update package: apply it with piton-cli keys update-device</source>
        <translation>ceci est une mise à jour des clés, pas un paquet de mise à jour : appliquez-la avec piton-cli keys update-device</translation>
    </message>
</context>
<context>
    <name>Package</name>
    <message>
        <source>package: %1</source>
        <translation>paquet : %1</translation>
    </message>
    <message>
        <source>firmware payload</source>
        <translation>charge utile de firmware</translation>
    </message>
    <message>
        <source>application payload</source>
        <translation>charge utile d&apos;application</translation>
    </message>
    <message>
        <source>the signer key in the header is not a P-256 public key: %1</source>
        <translation>la clé de signataire de l&apos;en-tête n&apos;est pas une clé publique P-256 : %1</translation>
    </message>
    <message>
        <source>truncated: %1 bytes, the manifest describes %2</source>
        <translation>tronqué : %1 octets, le manifeste en décrit %2</translation>
    </message>
    <message>
        <source>%1 trailing bytes after the payloads (file %2 bytes, expected %3)</source>
        <translation>%1 octets en trop après les charges utiles (fichier de %2 octets, attendu %3)</translation>
    </message>
    <message>
        <source>cannot open package %1: %2</source>
        <translation>impossible d&apos;ouvrir le paquet %1 : %2</translation>
    </message>
    <message>
        <source>cannot read package %1: %2</source>
        <translation>impossible de lire le paquet %1 : %2</translation>
    </message>
    <message>
        <source>manifest signature check failed: %1</source>
        <translation>échec du contrôle de la signature du manifeste : %1</translation>
    </message>
    <message>
        <source>payload hash check failed: %1 payloads for %2 descriptors</source>
        <translation>échec du contrôle de hachage : %1 charges utiles pour %2 descripteurs</translation>
    </message>
    <message>
        <source>payload hash check failed: %1 (region %2) has SHA-256 %3, the manifest says %4</source>
        <translation>échec du contrôle de hachage : %1 (région %2) a le SHA-256 %3, le manifeste indique %4</translation>
    </message>
    <message>
        <source>signature check failed: the package names signer key %1, but its signature does not verify under that key</source>
        <translation>échec du contrôle de signature : le paquet nomme la clé de signature %1, mais sa signature n&apos;est pas valide avec cette clé</translation>
    </message>
    <message>
        <source>no signing key given</source>
        <translation>aucune clé de signature donnée</translation>
    </message>
    <message>
        <source>nothing to package: give a firmware image, an application image, or both</source>
        <translation>rien à empaqueter : donnez une image de firmware, une image d&apos;application, ou les deux</translation>
    </message>
    <message>
        <source>a firmware requirement applies only to an application image</source>
        <translation>une exigence de firmware ne s&apos;applique qu&apos;à une image d&apos;application</translation>
    </message>
    <message>
        <source>board id &apos;%1&apos; differs from the board profile &apos;%2&apos;</source>
        <translation>l&apos;identifiant de carte &apos;%1&apos; diffère du profil de carte &apos;%2&apos;</translation>
    </message>
    <message>
        <source>board %1 has no region &apos;%2&apos; for the %3 image</source>
        <translation>la carte %1 n&apos;a pas de région &apos;%2&apos; pour l&apos;image %3</translation>
    </message>
    <message>
        <source>the %1 image holds no data</source>
        <translation>l&apos;image %1 ne contient aucune donnée</translation>
    </message>
    <message>
        <source>%1 image bytes %2..%3 are outside region %4 (%5..%6)</source>
        <translation>les octets %2..%3 de l&apos;image %1 sont hors de la région %4 (%5..%6)</translation>
    </message>
    <message>
        <source>manifest check failed: %1</source>
        <translation>échec du contrôle du manifeste : %1</translation>
    </message>
    <message>
        <source>board check failed: package is for board &apos;%1&apos;, the device is &apos;%2&apos;</source>
        <translation>échec du contrôle de carte : le paquet est pour la carte &apos;%1&apos;, l&apos;appareil est &apos;%2&apos;</translation>
    </message>
    <message>
        <source>signature check failed: the manifest signature does not verify under any of the given public keys (%1)</source>
        <translation>échec du contrôle de signature : la signature du manifeste n&apos;est valide avec aucune des clés publiques données (%1)</translation>
    </message>
    <message>
        <source>trust check failed: the package is signed by key %1, which the board does not trust (it trusts %2)</source>
        <translation>échec du contrôle de confiance : le paquet est signé par la clé %1, que la carte ne reconnaît pas (elle reconnaît %2)</translation>
    </message>
    <message>
        <source>security counter check failed: package counter %1 is below the device&apos;s %2 (a rollback to an older, possibly vulnerable release)</source>
        <translation>échec du contrôle du compteur de sécurité : le compteur du paquet %1 est inférieur à celui de l&apos;appareil %2 (retour à une version plus ancienne, peut-être vulnérable)</translation>
    </message>
    <message>
        <source>firmware requirement check failed: the application requires firmware %1, the package brings firmware %2</source>
        <translation>échec du contrôle de firmware : l&apos;application exige le firmware %1, le paquet apporte le firmware %2</translation>
    </message>
    <message>
        <source>firmware requirement check failed: the application requires firmware %1, the device runs %2 and the package brings none</source>
        <translation>échec du contrôle de firmware : l&apos;application exige le firmware %1, l&apos;appareil exécute %2 et le paquet n&apos;en apporte aucun</translation>
    </message>
    <message>
        <source>no firmware</source>
        <translation>aucun firmware</translation>
    </message>
    <message>
        <source>region check failed: the device has no region &apos;%1&apos;</source>
        <translation>échec du contrôle de région : l&apos;appareil n&apos;a pas de région &apos;%1&apos;</translation>
    </message>
    <message>
        <source>region check failed: %1 at offset %2 with %3 bytes does not fit region %4 (%5 bytes)</source>
        <translation>échec du contrôle de région : %1 au décalage %2 avec %3 octets ne tient pas dans la région %4 (%5 octets)</translation>
    </message>
    <message>
        <source>not a Piton package</source>
        <translation>ce n&apos;est pas un paquet Piton</translation>
    </message>
    <message>
        <source>payload image check failed: %1 (region %2): %3</source>
        <translation>échec de la vérification de l’image : %1 (région %2) : %3</translation>
    </message>
    <message>
        <source>payload image check failed: %1 (region %2) decodes to an image with SHA-256 %3, the manifest says %4</source>
        <translation>échec de la vérification de l’image : %1 (région %2) donne une image de SHA-256 %3, le manifeste indique %4</translation>
    </message>
    <message>
        <source>no payload %1</source>
        <translation>pas de charge %1</translation>
    </message>
    <message>
        <source>payload encoding 0x%1 cannot be decoded here (encrypted)</source>
        <translation>l’encodage de charge 0x%1 ne peut pas être décodé ici (chiffré)</translation>
    </message>
    <message>
        <source>a package can be encrypted to at most %1 keys</source>
        <translation>un paquet peut être chiffré pour au plus %1 clés</translation>
    </message>
    <message>
        <source>device keys are extra recipients of an encrypted package: give the product key to encrypt to as well</source>
        <translation>les clés d&apos;appareil sont des destinataires supplémentaires d&apos;un paquet chiffré : indiquez aussi la clé produit pour laquelle chiffrer</translation>
    </message>
</context>
<context>
    <name>PackageTools</name>
    <message>
        <source>no file given for the private key</source>
        <translation>aucun fichier donné pour la clé privée</translation>
    </message>
    <message>
        <source>the private and the public key cannot go to the same file %1</source>
        <translation>la clé privée et la clé publique ne peuvent pas aller dans le même fichier %1</translation>
    </message>
    <message>
        <source>%1 exists; refusing to overwrite a key</source>
        <translation>%1 existe ; refus d&apos;écraser une clé</translation>
    </message>
    <message>
        <source>no board id given</source>
        <translation>aucun identifiant de carte donné</translation>
    </message>
    <message>
        <source>no output file given for the package</source>
        <translation>aucun fichier de sortie donné pour le paquet</translation>
    </message>
    <message>
        <source>give a firmware image, an application image, or both</source>
        <translation>donnez une image de firmware, une image d&apos;application, ou les deux</translation>
    </message>
    <message>
        <source>no signing key given</source>
        <translation>aucune clé de signature donnée</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>the device&apos;s config is damaged: %1</source>
        <translation>la configuration de l&apos;appareil est endommagée : %1</translation>
    </message>
    <message>
        <source>the config read back differs from the one written</source>
        <translation>la configuration relue diffère de celle écrite</translation>
    </message>
    <message>
        <source>%1: version %2 (package %3), SHA-256 %4</source>
        <translation>%1 : version %2 (paquet %3), SHA-256 %4</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>correspond</translation>
    </message>
    <message>
        <source>differs</source>
        <translation>diffère</translation>
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
    <name>RomJobs</name>
    <message>
        <source>the ROM reports product id 0x%1, a chip Piton does not know; %2</source>
        <translation>la ROM indique l&apos;identifiant de produit 0x%1, une puce inconnue de Piton ; %2</translation>
    </message>
    <message>
        <source>a ROM read takes 1 byte .. 16 MiB, not %1</source>
        <translation>une lecture ROM porte sur 1 octet .. 16 Mio, pas %1</translation>
    </message>
    <message>
        <source>no sectors to erase</source>
        <translation>aucun secteur à effacer</translation>
    </message>
    <message>
        <source>nothing was erased</source>
        <translation>rien n&apos;a été effacé</translation>
    </message>
    <message>
        <source>the %1 has sectors 0..%2, not %3; nothing was erased</source>
        <translation>le %1 a les secteurs 0..%2, pas %3 ; rien n&apos;a été effacé</translation>
    </message>
    <message>
        <source>ROM write of %1 bytes at %2</source>
        <translation>Écriture ROM de %1 octets à %2</translation>
    </message>
    <message>
        <source>the image holds no data</source>
        <translation>l&apos;image ne contient aucune donnée</translation>
    </message>
    <message>
        <source>nothing was changed</source>
        <translation>rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>the image (%1..%2) does not lie in the flash of the %3 (%4..%5); nothing was changed</source>
        <translation>l&apos;image (%1..%2) n&apos;est pas dans la flash du %3 (%4..%5) ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>%1 (PID 0x%2, bootloader %3.%4): erasing sector(s) %5</source>
        <translation>%1 (PID 0x%2, bootloader %3.%4) : effacement du ou des secteurs %5</translation>
    </message>
    <message>
        <source>read back differs at %1: wrote 0x%2, read 0x%3</source>
        <translation>la relecture diffère à %1 : écrit 0x%2, lu 0x%3</translation>
    </message>
    <message>
        <source>%1 bytes written and verified</source>
        <translation>%1 octets écrits et vérifiés</translation>
    </message>
    <message>
        <source>Go %1 sent</source>
        <translation>Go %1 envoyé</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>the device did not come back within %1 ms</source>
        <translation>l&apos;appareil n&apos;est pas revenu dans les %1 ms</translation>
    </message>
    <message>
        <source>while the board restarted, another session claimed it: %1</source>
        <translation>pendant le redémarrage de la carte, une autre session l&apos;a prise : %1</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>non connecté</translation>
    </message>
    <message>
        <source>the device has no region &apos;%1&apos; (it has: %2)</source>
        <translation>l&apos;appareil n&apos;a pas de région &apos;%1&apos; (il a : %2)</translation>
    </message>
    <message>
        <source>authentication with the credential failed: %1</source>
        <translation>échec de l’authentification avec le justificatif : %1</translation>
    </message>
    <message>
        <source>this board grants no roles: a credential cannot help</source>
        <translation>cette carte n&apos;accorde aucun rôle : un justificatif n&apos;y change rien</translation>
    </message>
    <message>
        <source>another board answers on %1 (unique id %2, not %3 of the board this session was working with)</source>
        <translation>une autre carte répond sur %1 (identifiant unique %2, et non %3 de la carte avec laquelle cette session travaillait)</translation>
    </message>
    <message>
        <source>the board came back but refused to be claimed again: %1</source>
        <translation>la carte est revenue mais refuse d&apos;être réservée à nouveau : %1</translation>
    </message>
</context>
<context>
    <name>piton</name>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>the config region holds no intact config record (config corrupt)</source>
        <translation>la région de configuration ne contient aucun enregistrement intact (configuration corrompue)</translation>
    </message>
    <message>
        <source>restore the config from the backup file, then read it back and compare</source>
        <translation>restaurer la configuration depuis le fichier de sauvegarde, puis la relire et comparer</translation>
    </message>
    <message>
        <source>the config is empty: factory defaults apply</source>
        <translation>la configuration est vide : les valeurs d&apos;usine s&apos;appliquent</translation>
    </message>
    <message>
        <source>the staging region&apos;s header is unreadable or inconsistent (staging corrupt)</source>
        <translation>l&apos;en-tête de la région de staging est illisible ou incohérent (staging corrompu)</translation>
    </message>
    <message>
        <source>erase staging (UPDATE_ABORT), then re-send the package if one is given</source>
        <translation>effacer le staging (UPDATE_ABORT), puis renvoyer le paquet s&apos;il est donné</translation>
    </message>
    <message>
        <source>staging holds %1 of %2 bytes of a package that was not committed; deploying the same package resumes it</source>
        <translation>le staging contient %1 octets sur %2 d&apos;un paquet non validé ; redéployer le même paquet reprend le transfert</translation>
    </message>
    <message>
        <source>a verified package is pending: the bootloader installs it at the next reset</source>
        <translation>un paquet vérifié est en attente : le bootloader l&apos;installe à la prochaine réinitialisation</translation>
    </message>
    <message>
        <source>did not confirm itself within %1 boots</source>
        <translation>ne s&apos;est pas confirmée en %1 démarrages</translation>
    </message>
    <message>
        <source>did not confirm itself</source>
        <translation>ne s&apos;est pas confirmée</translation>
    </message>
    <message>
        <source>was invalid at boot</source>
        <translation>était invalide au démarrage</translation>
    </message>
    <message>
        <source>was not kept</source>
        <translation>n&apos;a pas été gardée</translation>
    </message>
    <message>
        <source>the new image %1, so the bootloader reverted to the previous one: application %2, firmware %3 (reverted)</source>
        <translation>la nouvelle image %1, donc le bootloader est revenu à la précédente : application %2, firmware %3 (annulée)</translation>
    </message>
    <message>
        <source>the new image %1, so the bootloader reverted it; there was no previous application, the board is in recovery mode (reverted)</source>
        <translation>la nouvelle image %1, donc le bootloader l&apos;a annulée ; il n&apos;y avait pas d&apos;application précédente, la carte est en mode récupération (annulée)</translation>
    </message>
    <message>
        <source>deploy a package whose application confirms itself (the package that was reverted would revert again), then wait for it to confirm and verify it</source>
        <translation>déployer un paquet dont l&apos;application se confirme elle-même (le paquet annulé serait de nouveau annulé), puis attendre sa confirmation et le vérifier</translation>
    </message>
    <message>
        <source>the deployment region is erased, the board is in recovery mode</source>
        <translation>la région deployment est effacée, la carte est en mode récupération</translation>
    </message>
    <message>
        <source>the bootloader found no valid application, the board is in recovery mode</source>
        <translation>le bootloader n&apos;a trouvé aucune application valide, la carte est en mode récupération</translation>
    </message>
    <message>
        <source>deploy the package, then verify the installed payloads</source>
        <translation>déployer le paquet, puis vérifier les charges utiles installées</translation>
    </message>
    <message>
        <source>the bootloader answers although application %1 is installed</source>
        <translation>le bootloader répond alors que l&apos;application %1 est installée</translation>
    </message>
    <message>
        <source>reboot the board so that the bootloader starts the application</source>
        <translation>redémarrer la carte pour que le bootloader lance l&apos;application</translation>
    </message>
    <message>
        <source>the image runs on trial: the device takes no new package until it is confirmed or reverted, so staging is erased but no package is re-sent</source>
        <translation>l&apos;image tourne à l&apos;essai : l&apos;appareil n&apos;accepte aucun nouveau paquet avant sa confirmation ou son annulation, donc le staging est effacé mais aucun paquet n&apos;est renvoyé</translation>
    </message>
    <message>
        <source>the application runs in trial (boot %1 of at most %2): it confirms itself once it is up, or confirm it by hand</source>
        <translation>l&apos;application tourne à l&apos;essai (démarrage %1 sur au plus %2) : elle se confirme une fois lancée, ou confirmez-la à la main</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>the last install was %1; the board kept its previous image</source>
        <translation>la dernière installation a été %1 ; la carte a gardé son image précédente</translation>
    </message>
    <message>
        <source>config restored from %1 and read back</source>
        <translation>configuration restaurée depuis %1 et relue</translation>
    </message>
    <message>
        <source>staging erased</source>
        <translation>staging effacé</translation>
    </message>
    <message>
        <source>%1 deployed and verified</source>
        <translation>%1 déployé et vérifié</translation>
    </message>
    <message>
        <source>rebooted; the application answers</source>
        <translation>redémarrée ; l&apos;application répond</translation>
    </message>
    <message>
        <source>nothing to recover</source>
        <translation>rien à récupérer</translation>
    </message>
    <message>
        <source>%1 bytes, shorter than the 16-byte header</source>
        <translation>%1 octets, plus court que l&apos;en-tête de 16 octets</translation>
    </message>
    <message>
        <source>bad magic (expected &quot;%1&quot;): %2</source>
        <translation>nombre magique incorrect (attendu &quot;%1&quot;) : %2</translation>
    </message>
    <message>
        <source>unsupported format version %1 (expected 1)</source>
        <translation>version de format %1 non prise en charge (attendu 1)</translation>
    </message>
    <message>
        <source>header size %1, expected 16..%2</source>
        <translation>taille d&apos;en-tête %1, attendu 16..%2</translation>
    </message>
    <message>
        <source>reserved header field is not 0</source>
        <translation>le champ réservé de l&apos;en-tête n&apos;est pas à 0</translation>
    </message>
    <message>
        <source>signature length %1, must be 1..%2</source>
        <translation>longueur de signature %1, doit être 1..%2</translation>
    </message>
    <message>
        <source>truncated: %1 bytes, header says manifest %2 + signature %3 bytes follow</source>
        <translation>tronqué : %1 octets, l&apos;en-tête annonce un manifeste de %2 + une signature de %3 octets</translation>
    </message>
    <message>
        <source>header extension at byte %1 is cut off by the header size %2</source>
        <translation>l&apos;extension d&apos;en-tête à l&apos;octet %1 est coupée par la taille d&apos;en-tête %2</translation>
    </message>
    <message>
        <source>header extension %1 of %2 bytes at byte %3 runs past the header size %4</source>
        <translation>l&apos;extension d&apos;en-tête %1 de %2 octets à l&apos;octet %3 dépasse la taille d&apos;en-tête %4</translation>
    </message>
    <message>
        <source>no signing key given</source>
        <translation>aucune clé de signature donnée</translation>
    </message>
    <message>
        <source>header extensions of %1 bytes do not fit the %2-byte header</source>
        <translation>des extensions d&apos;en-tête de %1 octets ne tiennent pas dans l&apos;en-tête de %2 octets</translation>
    </message>
    <message>
        <source>signature of %1 bytes does not fit the format</source>
        <translation>une signature de %1 octets ne convient pas au format</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>erase flash sector(s) %1 through the ROM</source>
        <translation>effacer le ou les secteurs de flash %1 via la ROM</translation>
    </message>
    <message>
        <source>program Piton&apos;s bootloader: %1 bytes at %2</source>
        <translation>programmer le bootloader de Piton : %1 octets à %2</translation>
    </message>
    <message>
        <source>provision board %1 at %2: %3 trusted key(s) (%4), %5, unique id %6</source>
        <translation>provisionner la carte %1 à %2 : %3 clé(s) de confiance (%4), %5, identifiant unique %6</translation>
    </message>
    <message>
        <source>locked (production)</source>
        <translation>verrouillée (production)</translation>
    </message>
    <message>
        <source>unlocked (development)</source>
        <translation>déverrouillée (développement)</translation>
    </message>
    <message>
        <source>kept (%1)</source>
        <translation>conservé (%1)</translation>
    </message>
    <message>
        <source>new (%1)</source>
        <translation>nouveau (%1)</translation>
    </message>
    <message>
        <source>read everything back and compare</source>
        <translation>tout relire et comparer</translation>
    </message>
    <message>
        <source>start Piton&apos;s bootloader (Go %1)</source>
        <translation>démarrer le bootloader de Piton (Go %1)</translation>
    </message>
    <message>
        <source>the application answers on %1</source>
        <translation>l&apos;application répond sur %1</translation>
    </message>
    <message>
        <source>Piton&apos;s bootloader answers on %1</source>
        <translation>le bootloader de Piton répond sur %1</translation>
    </message>
    <message>
        <source>no Piton code answers on %1; the chip&apos;s ROM bootloader answers on %2 (%3)</source>
        <translation>aucun code Piton ne répond sur %1 ; le bootloader ROM de la puce répond sur %2 (%3)</translation>
    </message>
    <message>
        <source>%1 %2, PID 0x%3</source>
        <translation>%1 %2, PID 0x%3</translation>
    </message>
    <message>
        <source>%1, chip unknown</source>
        <translation>%1, puce inconnue</translation>
    </message>
    <message>
        <source>nothing answers on %1</source>
        <translation>rien ne répond sur %1</translation>
    </message>
    <message>
        <source>no key blocks to keep (the previous provisioning block is not intact, or its sector could not be read whole)</source>
        <translation>aucun bloc de clés à conserver (le bloc de provisionnement précédent n&apos;est pas intact, ou son secteur n&apos;a pas pu être lu en entier)</translation>
    </message>
    <message>
        <source>keep the board&apos;s key blocks (root, access and product keys): %1 bytes after the provisioning block, unchanged</source>
        <translation>conserver les blocs de clés de la carte (clés racine, d&apos;accès et produit) : %1 octets après le bloc de provisionnement, inchangés</translation>
    </message>
    <message>
        <source>cannot read the known boards %1: %2</source>
        <translation>impossible de lire les cartes connues %1 : %2</translation>
    </message>
    <message>
        <source>%1 line %2: not &quot;UNIQUE_ID IDENTITY_FINGERPRINT&quot; in hex</source>
        <translation>%1 ligne %2 : pas « UNIQUE_ID IDENTITY_FINGERPRINT » en hexadécimal</translation>
    </message>
    <message>
        <source>access keys: the board&apos;s own %1, kept</source>
        <translation>clés d&apos;accès : les %1 propres à la carte, conservées</translation>
    </message>
    <message>
        <source>access keys: provision the bundle&apos;s %1 (%2) with a new identity key for the board</source>
        <translation>clés d&apos;accès : provisionner les %1 du bundle (%2) avec une nouvelle clé d&apos;identité pour la carte</translation>
    </message>
    <message>
        <source>access keys: none (the board will grant no session: read-only over TCP)</source>
        <translation>clés d&apos;accès : aucune (la carte n&apos;accordera aucune session : lecture seule via TCP)</translation>
    </message>
    <message>
        <source>the board would come back locked without an access key, and a locked board serves no change without a session: make the bundle with --trust-access-key</source>
        <translation>la carte reviendrait verrouillée sans clé d&apos;accès, et une carte verrouillée n&apos;accepte aucune modification sans session : créez le bundle avec --trust-access-key</translation>
    </message>
    <message>
        <source>board id</source>
        <translation>identifiant de carte</translation>
    </message>
    <message>
        <source>chip</source>
        <translation>puce</translation>
    </message>
    <message>
        <source>bootloader image</source>
        <translation>image du bootloader</translation>
    </message>
    <message>
        <source>sectors</source>
        <translation>secteurs</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>verrouillage</translation>
    </message>
    <message>
        <source>trusted keys</source>
        <translation>clés de confiance</translation>
    </message>
    <message>
        <source>unique id</source>
        <translation>identifiant unique</translation>
    </message>
    <message>
        <source>kept key blocks</source>
        <translation>blocs de clés conservés</translation>
    </message>
    <message>
        <source>access keys</source>
        <translation>clés d&apos;accès</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <source>the board&apos;s state changed since the plan was shown: shown %1, found now %2; nothing was changed; check the board again to see the new plan</source>
        <translation>l&apos;état de la carte a changé depuis l&apos;affichage du plan : affiché %1, trouvé maintenant %2 ; rien n&apos;a été modifié ; vérifiez à nouveau la carte pour voir le nouveau plan</translation>
    </message>
</context>
<context>
    <name>piton::ConfigBackupJob</name>
    <message>
        <source>Config backup to %1</source>
        <translation>Sauvegarde de configuration vers %1</translation>
    </message>
    <message>
        <source>reading config</source>
        <translation>lecture de la configuration</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>%1 entries (%2 bytes) saved to %3</source>
        <translation>%1 entrées (%2 octets) enregistrées dans %3</translation>
    </message>
</context>
<context>
    <name>piton::ConfigRestoreJob</name>
    <message>
        <source>Config restore from %1</source>
        <translation>Restauration de configuration depuis %1</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1 is not a valid config backup: %2</source>
        <translation>%1 n&apos;est pas une sauvegarde de configuration valide : %2</translation>
    </message>
    <message>
        <source>config restore</source>
        <translation>restauration de configuration</translation>
    </message>
    <message>
        <source>its PING does not offer CONFIG</source>
        <translation>son PING ne propose pas CONFIG</translation>
    </message>
    <message>
        <source>writing config</source>
        <translation>écriture de la configuration</translation>
    </message>
    <message>
        <source>this board&apos;s config is corrupt: the backup is restored as it is, identity included</source>
        <translation>la configuration de cette carte est corrompue : la sauvegarde est restaurée telle quelle, identité comprise</translation>
    </message>
    <message>
        <source>this board&apos;s config cannot be read (%1): the backup is restored as it is, identity included</source>
        <translation>la configuration de cette carte est illisible (%1) : la sauvegarde est restaurée telle quelle, identité comprise</translation>
    </message>
    <message>
        <source>copied %1 %2 from the backup over this board&apos;s %3</source>
        <translation>%1 %2 copié depuis la sauvegarde à la place de %3 de cette carte</translation>
    </message>
    <message>
        <source>kept this board&apos;s %1 %2 (the backup holds %3)</source>
        <translation>%1 %2 de cette carte conservé (la sauvegarde contient %3)</translation>
    </message>
    <message>
        <source>%1 entries restored and read back</source>
        <translation>%1 entrées restaurées et relues</translation>
    </message>
</context>
<context>
    <name>piton::ConfigSetJob</name>
    <message>
        <source>Config set</source>
        <translation>Modification de configuration</translation>
    </message>
    <message>
        <source>config set</source>
        <translation>modification de configuration</translation>
    </message>
    <message>
        <source>its PING does not offer CONFIG</source>
        <translation>son PING ne propose pas CONFIG</translation>
    </message>
    <message>
        <source>writing config</source>
        <translation>écriture de la configuration</translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation>%1 supprimé</translation>
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
        <translation>Déployer %1</translation>
    </message>
    <message>
        <source>signature verified: key %1, trusted by the board</source>
        <translation>signature vérifiée : clé %1, reconnue par la carte</translation>
    </message>
    <message>
        <source>the package does not name its signer (it was made by an older Piton) and no public key was given: whether the board trusts its signer is known only after it is sent</source>
        <translation>le paquet ne nomme pas son signataire (il a été créé par un Piton plus ancien) et aucune clé publique n&apos;a été donnée : on ne saura qu&apos;après l&apos;envoi si la carte reconnaît son signataire</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>vérification</translation>
    </message>
    <message>
        <source>package fits %1 (%2), stage %3</source>
        <translation>le paquet convient à %1 (%2), étape %3</translation>
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
        <source>update</source>
        <translation>mise à jour</translation>
    </message>
    <message>
        <source>its PING does not offer UPDATE</source>
        <translation>son PING ne propose pas UPDATE</translation>
    </message>
    <message>
        <source>resuming: the device already holds %1 of %2 bytes</source>
        <translation>reprise : l&apos;appareil détient déjà %1 octets sur %2</translation>
    </message>
    <message>
        <source>installing</source>
        <translation>installation</translation>
    </message>
    <message>
        <source>committing: the device verifies the package and resets to install it</source>
        <translation>validation : l&apos;appareil vérifie le paquet et redémarre pour l&apos;installer</translation>
    </message>
    <message>
        <source>the board did not come back after the install: %1</source>
        <translation>la carte n&apos;est pas revenue après l&apos;installation : %1</translation>
    </message>
    <message>
        <source>confirming</source>
        <translation>confirmation</translation>
    </message>
    <message>
        <source>verifying</source>
        <translation>vérification</translation>
    </message>
    <message>
        <source>the board reset during the new image&apos;s trial; reconnecting</source>
        <translation>la carte a redémarré pendant l&apos;essai de la nouvelle image ; reconnexion</translation>
    </message>
    <message>
        <source>the board did not come back during the new image&apos;s trial boot: %1</source>
        <translation>la carte n&apos;est pas revenue pendant le démarrage d&apos;essai de la nouvelle image : %1</translation>
    </message>
    <message>
        <source>the new image confirmed itself after %1 ms</source>
        <translation>la nouvelle image s&apos;est confirmée après %1 ms</translation>
    </message>
    <message>
        <source>the new image failed its check at boot</source>
        <translation>la nouvelle image a échoué à sa vérification au démarrage</translation>
    </message>
    <message>
        <source>the new image did not confirm itself within %1 boots</source>
        <translation>la nouvelle image ne s&apos;est pas confirmée en %1 démarrages</translation>
    </message>
    <message>
        <source>its trial</source>
        <translation>son essai</translation>
    </message>
    <message>
        <source>the bootloader reverted it and the board runs the previous image (application %1)</source>
        <translation>le bootloader l&apos;a annulée et la carte exécute l&apos;image précédente (application %1)</translation>
    </message>
    <message>
        <source>the bootloader reverted it and the board is in recovery mode (there was no previous application to go back to)</source>
        <translation>le bootloader l&apos;a annulée et la carte est en mode récupération (il n&apos;y avait pas d&apos;application précédente)</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1 ; %2</translation>
    </message>
    <message>
        <source>the new image runs on trial (boot %1 of at most %2); waiting for it to confirm itself</source>
        <translation>la nouvelle image tourne à l&apos;essai (démarrage %1 sur au plus %2) ; attente de sa confirmation</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>the new image has not confirmed itself within %1 s (boot %2 of at most %3): it runs on trial and the bootloader reverts it unless it confirms (piton-cli confirm keeps it)</source>
        <translation>la nouvelle image ne s&apos;est pas confirmée en %1 s (démarrage %2 sur au plus %3) : elle tourne à l&apos;essai et le bootloader l&apos;annule si elle ne se confirme pas (piton-cli confirm la garde)</translation>
    </message>
    <message>
        <source>staging</source>
        <translation>staging</translation>
    </message>
    <message>
        <source>%1 (staged %2 of %3 bytes; deploy the same package again to resume)</source>
        <translation>%1 (%2 octets sur %3 en staging ; redéployez le même paquet pour reprendre)</translation>
    </message>
    <message>
        <source>the device confirmed %1 of %2 bytes</source>
        <translation>l&apos;appareil a confirmé %1 octets sur %2</translation>
    </message>
    <message>
        <source>the bootloader did not install the package (last install result %1)</source>
        <translation>le bootloader n&apos;a pas installé le paquet (dernier résultat d&apos;installation %1)</translation>
    </message>
    <message>
        <source>someone else changed the board after this install: %1 now holds %2, not this package&apos;s %3 (another session installed a package); deploy again once nobody else works on the board</source>
        <translation>quelqu&apos;un d&apos;autre a modifié la carte après cette installation : %1 contient maintenant %2, pas le %3 de ce paquet (une autre session a installé un paquet) ; redéployez quand personne d&apos;autre ne travaille sur la carte</translation>
    </message>
    <message>
        <source>no image</source>
        <translation>aucune image</translation>
    </message>
    <message>
        <source>someone else changed the board after this install: %1 reports this package&apos;s version %2 but its content no longer matches (erased or written by another session); deploy again</source>
        <translation>quelqu&apos;un d&apos;autre a modifié la carte après cette installation : %1 indique la version %2 de ce paquet mais son contenu ne correspond plus (effacé ou écrit par une autre session) ; redéployez</translation>
    </message>
    <message>
        <source>the board stayed in the bootloader after the install</source>
        <translation>la carte est restée dans le bootloader après l&apos;installation</translation>
    </message>
    <message>
        <source>the update will write regions: %1</source>
        <translation>la mise à jour écrit les régions : %1</translation>
    </message>
    <message>
        <source>the answer to UPDATE_COMMIT was lost (%1); reconnecting to ask the board what it did</source>
        <translation>la réponse à UPDATE_COMMIT a été perdue (%1) ; reconnexion pour demander à la carte ce qu&apos;elle a fait</translation>
    </message>
    <message>
        <source>the answer to UPDATE_COMMIT was lost and the board did not come back: %1</source>
        <translation>la réponse à UPDATE_COMMIT a été perdue et la carte n&apos;est pas revenue : %1</translation>
    </message>
    <message>
        <source>the board did not act on UPDATE_COMMIT sent %1 times (no answer each time); the package stays staged: check the link and deploy again</source>
        <translation>la carte n&apos;a pas donné suite à UPDATE_COMMIT envoyé %1 fois (aucune réponse à chaque fois) ; le paquet reste en région de staging : vérifiez la liaison et redéployez</translation>
    </message>
    <message>
        <source>the board still holds this package staged and not installed: it did not receive the COMMIT; sending it again</source>
        <translation>la carte détient encore ce paquet en région de staging, non installé : elle n&apos;a pas reçu le COMMIT ; nouvel envoi</translation>
    </message>
    <message>
        <source>after the lost answer to UPDATE_COMMIT the board holds only %1 of %2 bytes of the package; deploy again to resume</source>
        <translation>après la réponse perdue à UPDATE_COMMIT, la carte ne détient que %1 des %2 octets du paquet ; redéployez pour reprendre</translation>
    </message>
    <message>
        <source>after the lost answer to UPDATE_COMMIT the board&apos;s staging region is corrupt; deploy again (recover erases it)</source>
        <translation>après la réponse perdue à UPDATE_COMMIT, la région de staging de la carte est corrompue ; redéployez (recover l&apos;efface)</translation>
    </message>
    <message>
        <source>the board&apos;s staging no longer holds the package: it acted on the COMMIT; following the install</source>
        <translation>la région de staging de la carte ne détient plus le paquet : elle a exécuté le COMMIT ; suivi de l&apos;installation</translation>
    </message>
    <message>
        <source>recovered from the lost answer to UPDATE_COMMIT in %1 ms (waiting %2 ms for each answer, COMMIT sent again %3 times)</source>
        <translation>reprise après la réponse perdue à UPDATE_COMMIT en %1 ms (attente de %2 ms par réponse, COMMIT renvoyé %3 fois)</translation>
    </message>
    <message>
        <source>the board did not install this package: the answer to UPDATE_COMMIT was lost, its staging is now empty and %1 holds %2, not this package&apos;s %3: the board&apos;s own check refused the package (deploy again to see its reason) or another session aborted the update</source>
        <translation>la carte n&apos;a pas installé ce paquet : la réponse à UPDATE_COMMIT a été perdue, sa région de staging est maintenant vide et %1 contient %2, pas le %3 de ce paquet : la vérification propre de la carte a refusé le paquet (redéployez pour voir sa raison) ou une autre session a interrompu la mise à jour</translation>
    </message>
</context>
<context>
    <name>piton::EraseRegionJob</name>
    <message>
        <source>Erase %1</source>
        <translation>Effacer %1</translation>
    </message>
    <message>
        <source>erase</source>
        <translation>effacement</translation>
    </message>
    <message>
        <source>its PING does not offer ERASE</source>
        <translation>son PING ne propose pas ERASE</translation>
    </message>
    <message>
        <source>region %1 is protected: the board does not erase it; nothing was changed</source>
        <translation>la région %1 est protégée : la carte ne l&apos;efface pas ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>region %1 is the update staging area: it is erased by an update or by &apos;update abort&apos;, not by erase; nothing was changed</source>
        <translation>la région %1 est la zone de staging des mises à jour : elle est effacée par une mise à jour ou par &apos;update abort&apos;, pas par un effacement ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>erasing</source>
        <translation>effacement</translation>
    </message>
    <message>
        <source>erasing %1: %2..%3 (%4 bytes)</source>
        <translation>effacement de %1 : %2..%3 (%4 octets)</translation>
    </message>
</context>
<context>
    <name>piton::Job</name>
    <message>
        <source>%1: started</source>
        <translation>%1 : démarré</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1 : terminé</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>cancelled by the user</source>
        <translation>annulé par l&apos;utilisateur</translation>
    </message>
    <message>
        <source>took the board over from another session (the board logged it)</source>
        <translation>carte reprise à une autre session (la carte l&apos;a journalisé)</translation>
    </message>
    <message>
        <source>%1 is not available on this board (%2); nothing was changed</source>
        <translation>%1 n&apos;est pas disponible sur cette carte (%2) ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>phase: %1</source>
        <translation>phase : %1</translation>
    </message>
    <message>
        <source>the board refuses this without a credential: %1; waiting for one</source>
        <translation>la carte refuse ceci sans justificatif : %1 ; en attente d&apos;un justificatif</translation>
    </message>
    <message>
        <source>%1; no credential was given, nothing was changed</source>
        <translation>%1 ; aucun justificatif fourni, rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>%1 (the credential given was not taken: %2)</source>
        <translation>%1 (le justificatif fourni n&apos;a pas été accepté : %2)</translation>
    </message>
    <message>
        <source>authenticated with the credential given; claiming the board again</source>
        <translation>authentifié avec le justificatif fourni ; nouvelle réservation de la carte</translation>
    </message>
</context>
<context>
    <name>piton::KeyUpdateJob</name>
    <message>
        <source>Key update %1</source>
        <translation>Mise à jour des clés %1</translation>
    </message>
    <message>
        <source>checking the board</source>
        <translation>vérification de la carte</translation>
    </message>
    <message>
        <source>the key update is for board %1, this is %2; nothing was changed</source>
        <translation>la mise à jour des clés est pour la carte %1, celle-ci est %2 ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>this board cannot store key updates; it keeps its provisioned keys</source>
        <translation>cette carte ne peut pas stocker de mises à jour des clés ; elle garde ses clés provisionnées</translation>
    </message>
    <message>
        <source>the key update has generation %1, the board&apos;s key set is at %2: an old key set cannot be replayed; nothing was changed</source>
        <translation>la mise à jour des clés a la génération %1, le jeu de clés de la carte est à %2 : un ancien jeu de clés ne peut pas être rejoué ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>applying the key update</source>
        <translation>application de la mise à jour des clés</translation>
    </message>
    <message>
        <source>reading the key set back</source>
        <translation>relecture du jeu de clés</translation>
    </message>
    <message>
        <source>the board reports key set generation %1 after the update, expected %2</source>
        <translation>la carte indique la génération de jeu de clés %1 après la mise à jour, %2 attendue</translation>
    </message>
    <message>
        <source>key set generation %1 in force (%2 of %3 key store slots used)</source>
        <translation>génération de jeu de clés %1 en vigueur (%2 emplacements sur %3 du magasin de clés utilisés)</translation>
    </message>
    <message>
        <source>%1; nothing was changed</source>
        <translation>%1 ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>the key update revokes key %1 in the role %2, but the board trusts it in the role %3: revoke it in the role %3 instead; nothing was changed</source>
        <translation>la mise à jour de clés révoque la clé %1 dans le rôle %2, mais la carte lui fait confiance dans le rôle %3 : révoquez-la plutôt dans le rôle %3 ; rien n&apos;a été modifié</translation>
    </message>
</context>
<context>
    <name>piton::KnownBoards</name>
    <message>
        <source>board %1 presented another identity key (%2...) than the one pinned %3 (%4...): possible man in the middle. If the board was re-provisioned, accept its new key with `piton-cli access pin --replace` (known boards: %5)</source>
        <translation>la carte %1 a présenté une autre clé d&apos;identité (%2...) que celle épinglée %3 (%4...) : possible attaque de l&apos;homme du milieu. Si la carte a été reprovisionnée, acceptez sa nouvelle clé avec `piton-cli access pin --replace` (cartes connues : %5)</translation>
    </message>
    <message>
        <source>earlier</source>
        <translation>auparavant</translation>
    </message>
    <message>
        <source>cannot write the known boards %1: %2</source>
        <translation>impossible d&apos;écrire les cartes connues %1 : %2</translation>
    </message>
</context>
<context>
    <name>piton::ReadRegionJob</name>
    <message>
        <source>Read %1</source>
        <translation>Lire %1</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>lecture</translation>
    </message>
    <message>
        <source>the data read differs from the device&apos;s SHA-256 of %1</source>
        <translation>les données lues diffèrent du SHA-256 de %1 calculé par l&apos;appareil</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>%1 bytes of %2 written to %3</source>
        <translation>%1 octets de %2 écrits dans %3</translation>
    </message>
</context>
<context>
    <name>piton::RebootJob</name>
    <message>
        <source>Reboot to bootloader</source>
        <translation>Redémarrage dans le bootloader</translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation>Redémarrage</translation>
    </message>
    <message>
        <source>rebooting</source>
        <translation>redémarrage</translation>
    </message>
    <message>
        <source>the board did not come back after the reboot: %1</source>
        <translation>la carte n&apos;est pas revenue après le redémarrage : %1</translation>
    </message>
    <message>
        <source>the board answers in application mode</source>
        <translation>la carte répond en mode application</translation>
    </message>
    <message>
        <source>the board answers in the bootloader (recovery mode)</source>
        <translation>la carte répond dans le bootloader (mode récupération)</translation>
    </message>
    <message>
        <source>the board did not stay in the bootloader</source>
        <translation>la carte n&apos;est pas restée dans le bootloader</translation>
    </message>
    <message>
        <source>the answer to REBOOT was lost (%1); reconnecting to ask the board whether it reset</source>
        <translation>la réponse à REBOOT a été perdue (%1) ; reconnexion pour demander à la carte si elle a redémarré</translation>
    </message>
    <message>
        <source>the answer to REBOOT was lost and the board does not answer any more on %1 (%2): check its power and its link</source>
        <translation>la réponse à REBOOT a été perdue et la carte ne répond plus sur %1 (%2) : vérifiez son alimentation et sa liaison</translation>
    </message>
    <message>
        <source>the board does not report its resets (INFO 0x2B): taking it as reset, since it answered after the lost answer</source>
        <translation>la carte ne signale pas ses réinitialisations (INFO 0x2B) : elle est considérée comme redémarrée, puisqu&apos;elle a répondu après la réponse perdue</translation>
    </message>
    <message>
        <source>the board reset (resets since power-on: %1 before, %2 now): it acted on REBOOT</source>
        <translation>la carte a redémarré (réinitialisations depuis la mise sous tension : %1 avant, %2 maintenant) : elle a exécuté REBOOT</translation>
    </message>
    <message>
        <source>the board did not reset after REBOOT was sent %1 times (no answer each time): check the link and reboot again</source>
        <translation>la carte n&apos;a pas redémarré après l&apos;envoi de REBOOT %1 fois (aucune réponse à chaque fois) : vérifiez la liaison et redémarrez à nouveau</translation>
    </message>
    <message>
        <source>the board did not reset (resets since power-on still %1): it never received REBOOT; sending it again</source>
        <translation>la carte n&apos;a pas redémarré (réinitialisations depuis la mise sous tension toujours %1) : elle n&apos;a jamais reçu REBOOT ; nouvel envoi</translation>
    </message>
    <message>
        <source>recovered from the lost answer to REBOOT in %1 ms (REBOOT sent again %2 times)</source>
        <translation>réponse perdue à REBOOT surmontée en %1 ms (REBOOT renvoyé %2 fois)</translation>
    </message>
</context>
<context>
    <name>piton::RecoverJob</name>
    <message>
        <source>Recover (diagnosis only)</source>
        <translation>Récupérer (diagnostic seulement)</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Récupérer</translation>
    </message>
    <message>
        <source>cannot check whether the deployment region is erased: %1</source>
        <translation>impossible de vérifier si la région deployment est effacée : %1</translation>
    </message>
    <message>
        <source>%1 (%2): a package to deploy is needed (--package FILE)</source>
        <translation>%1 (%2) : un paquet à déployer est nécessaire (--package FICHIER)</translation>
    </message>
    <message>
        <source>%1 (%2): a config backup to restore is needed (--config-backup FILE)</source>
        <translation>%1 (%2) : une sauvegarde de configuration à restaurer est nécessaire (--config-backup FICHIER)</translation>
    </message>
    <message>
        <source>config backup %1 refused, nothing was changed: %2</source>
        <translation>sauvegarde de configuration %1 refusée, rien n&apos;a été modifié : %2</translation>
    </message>
    <message>
        <source>package %1 refused, nothing was changed: %2</source>
        <translation>paquet %1 refusé, rien n&apos;a été modifié : %2</translation>
    </message>
    <message>
        <source>erasing staging</source>
        <translation>effacement du staging</translation>
    </message>
    <message>
        <source>staging is %1 after UPDATE_ABORT, expected empty</source>
        <translation>le staging est %1 après UPDATE_ABORT, attendu vide</translation>
    </message>
    <message>
        <source>the bootloader stays in recovery mode after a reboot: the installed application is not valid; a package to deploy is needed (--package FILE)</source>
        <translation>le bootloader reste en mode récupération après un redémarrage : l&apos;application installée n&apos;est pas valide ; un paquet à déployer est nécessaire (--package FICHIER)</translation>
    </message>
    <message>
        <source>the bootloader stays in recovery mode: the application is not valid; deploying %1</source>
        <translation>le bootloader reste en mode récupération : l&apos;application n&apos;est pas valide ; déploiement de %1</translation>
    </message>
    <message>
        <source>unknown recovery action</source>
        <translation>action de récupération inconnue</translation>
    </message>
    <message>
        <source>diagnosing</source>
        <translation>diagnostic</translation>
    </message>
    <message>
        <source>found %1: %2</source>
        <translation>trouvé %1 : %2</translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation>remarque : %1</translation>
    </message>
    <message>
        <source>nothing to recover</source>
        <translation>rien à récupérer</translation>
    </message>
    <message>
        <source>cannot recover, nothing was changed: %1</source>
        <translation>récupération impossible, rien n&apos;a été modifié : %1</translation>
    </message>
    <message>
        <source>%1 (already done: %2)</source>
        <translation>%1 (déjà fait : %2)</translation>
    </message>
    <message>
        <source>recovering: %1</source>
        <translation>récupération : %1</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 a échoué : %2</translation>
    </message>
    <message>
        <source>%1 failed after %2 had been done: %3</source>
        <translation>%1 a échoué après que %2 a été fait : %3</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>vérification</translation>
    </message>
    <message>
        <source>the board still needs recovering after %1: %2</source>
        <translation>la carte doit encore être récupérée après %1 : %2</translation>
    </message>
    <message>
        <source>recovered: %1</source>
        <translation>récupéré : %1</translation>
    </message>
    <message>
        <source>serial</source>
        <translation>série</translation>
    </message>
    <message>
        <source>recovery through the bootloader</source>
        <translation>la récupération par le bootloader</translation>
    </message>
    <message>
        <source>recovery through the application&apos;s agent</source>
        <translation>la récupération par l&apos;agent de l&apos;application</translation>
    </message>
    <message>
        <source>a locked board</source>
        <translation>une carte verrouillée</translation>
    </message>
    <message>
        <source>a development board</source>
        <translation>une carte de développement</translation>
    </message>
    <message>
        <source> (this session is %1)</source>
        <translation> (cette session est %1)</translation>
    </message>
    <message>
        <source>%1 needs a technician session on %2 over %3%4: give a technician&apos;s credential (piton-cli --credential FILE, $PITON_CREDENTIAL or the setting access/credential); nothing was changed (the board says: %5)</source>
        <translation>%1 nécessite une session de technicien sur %2 via %3%4 : fournissez l&apos;accréditation d&apos;un technicien (piton-cli --credential FICHIER, $PITON_CREDENTIAL ou le réglage access/credential) ; rien n&apos;a été modifié (la carte indique : %5)</translation>
    </message>
</context>
<context>
    <name>piton::RecoveryLadderJob</name>
    <message>
        <source>Recover (diagnosis only)</source>
        <translation>Récupérer (diagnostic seulement)</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Récupérer</translation>
    </message>
    <message>
        <source>neither Piton (%1: %2) nor the chip&apos;s ROM bootloader (%3: %4) answers. Set BOOT0 high and press reset (or power the board off and on) so that the ROM bootloader starts, then run recover again</source>
        <translation>ni Piton (%1 : %2) ni le bootloader ROM de la puce (%3 : %4) ne répond. Mettez BOOT0 à l&apos;état haut et appuyez sur reset (ou éteignez puis rallumez la carte) pour que le bootloader ROM démarre, puis relancez recover</translation>
    </message>
    <message>
        <source>the ROM bootloader was not found (probe first)</source>
        <translation>le bootloader ROM n&apos;a pas été trouvé (cherchez d&apos;abord ce qui répond)</translation>
    </message>
    <message>
        <source>%1: a factory bundle is needed to bring the board back from the ROM (--bundle FILE); nothing was changed</source>
        <translation>%1 : un bundle d&apos;usine est nécessaire pour rétablir la carte depuis la ROM (--bundle FILE) ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>bundle %1 refused, nothing was changed: %2</source>
        <translation>bundle %1 refusé, rien n&apos;a été modifié : %2</translation>
    </message>
    <message>
        <source>board %1 has no bootloader region</source>
        <translation>la carte %1 n&apos;a pas de région bootloader</translation>
    </message>
    <message>
        <source>the ROM reports product id 0x%1, a chip Piton does not know</source>
        <translation>la ROM indique l&apos;identifiant de produit 0x%1, une puce inconnue de Piton</translation>
    </message>
    <message>
        <source>the bootloader region of board %1 (%2..%3) is not in the flash of the %4</source>
        <translation>la région bootloader de la carte %1 (%2..%3) n&apos;est pas dans la flash du %4</translation>
    </message>
    <message>
        <source>its bootloader image (%1..%2) must lie in the bootloader region before the provisioning sector (%3..%4)</source>
        <translation>son image de bootloader (%1..%2) doit se trouver dans la région bootloader avant le secteur de provisionnement (%3..%4)</translation>
    </message>
    <message>
        <source>cannot read the previous provisioning block: %1</source>
        <translation>impossible de lire le bloc de provisionnement précédent : %1</translation>
    </message>
    <message>
        <source>the chip was provisioned for board &apos;%1&apos;, the bundle is for &apos;%2&apos;</source>
        <translation>la puce a été provisionnée pour la carte &apos;%1&apos;, le bundle est pour &apos;%2&apos;</translation>
    </message>
    <message>
        <source>ROM plan: %1</source>
        <translation>plan ROM : %1</translation>
    </message>
    <message>
        <source>writing the bootloader through the ROM failed: %1</source>
        <translation>l&apos;écriture du bootloader via la ROM a échoué : %1</translation>
    </message>
    <message>
        <source>waiting for Piton&apos;s bootloader</source>
        <translation>attente du bootloader de Piton</translation>
    </message>
    <message>
        <source>the bootloader was written and verified through the ROM and Go was sent, but Piton&apos;s bootloader does not answer on %1 (%2). Set BOOT0 low and press reset, then run recover again</source>
        <translation>le bootloader a été écrit et vérifié via la ROM et Go a été envoyé, mais le bootloader de Piton ne répond pas sur %1 (%2). Mettez BOOT0 à l&apos;état bas et appuyez sur reset, puis relancez recover</translation>
    </message>
    <message>
        <source>after bring-up the board reports board id &apos;%1&apos;, expected &apos;%2&apos;</source>
        <translation>après la remise en service, la carte indique l&apos;identifiant de carte &apos;%1&apos;, attendu &apos;%2&apos;</translation>
    </message>
    <message>
        <source>after bring-up the board does not trust key %1</source>
        <translation>après la remise en service, la carte ne reconnaît pas la clé %1</translation>
    </message>
    <message>
        <source>Piton&apos;s bootloader answers: board %1, unique id %2, %3 trusted key(s)</source>
        <translation>le bootloader de Piton répond : carte %1, identifiant unique %2, %3 clé(s) de confiance</translation>
    </message>
    <message>
        <source>the package of %1</source>
        <translation>le paquet de %1</translation>
    </message>
    <message>
        <source>cannot write a temporary file: %1</source>
        <translation>impossible d&apos;écrire un fichier temporaire : %1</translation>
    </message>
    <message>
        <source>the config is empty and no config was given: factory defaults apply</source>
        <translation>la configuration est vide et aucune configuration n&apos;a été donnée : les valeurs d&apos;usine s&apos;appliquent</translation>
    </message>
    <message>
        <source>config written: %1</source>
        <translation>configuration écrite : %1</translation>
    </message>
    <message>
        <source>the bundle&apos;s factory config</source>
        <translation>la configuration d&apos;usine du bundle</translation>
    </message>
    <message>
        <source>finding what answers</source>
        <translation>recherche de ce qui répond</translation>
    </message>
    <message>
        <source>%1 is not a ROM bootloader link (use rom+serial:PATH or dfu:)</source>
        <translation>%1 n&apos;est pas une liaison vers un bootloader ROM (utilisez rom+serial:PATH ou dfu:)</translation>
    </message>
    <message>
        <source>no Piton code answers on %1 (%2), and no ROM bootloader link derives from it: give the chip&apos;s ROM link (--rom rom+serial:PATH or --rom dfu:)</source>
        <translation>aucun code Piton ne répond sur %1 (%2), et aucune liaison vers le bootloader ROM ne s&apos;en déduit : donnez la liaison ROM de la puce (--rom rom+serial:PATH ou --rom dfu:)</translation>
    </message>
    <message>
        <source>the access block does not fit the chip&apos;s provisioning sector (%1 bytes)</source>
        <translation>le bloc d&apos;accès ne tient pas dans le secteur de provisionnement de la puce (%1 octets)</translation>
    </message>
    <message>
        <source>after bring-up the board reports %1 with %2 access key(s), expected %3 with %4</source>
        <translation>après la remise en service, la carte indique %1 avec %2 clé(s) d&apos;accès, attendu %3 avec %4</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>verrouillée</translation>
    </message>
    <message>
        <source>unlocked</source>
        <translation>déverrouillée</translation>
    </message>
    <message>
        <source>ROM read at %1 failed (%2); resynchronising and asking again (%3 of %4)</source>
        <translation>Échec de la lecture ROM à %1 (%2) ; resynchronisation et nouvelle demande (%3 sur %4)</translation>
    </message>
    <message>
        <source>the ROM served only %1 of the %2 bytes of the provisioning sector at %3: the rest (lock word, access and key-store blocks) cannot be kept; nothing was changed; reset the board into its ROM bootloader and try again</source>
        <translation>le ROM n&apos;a fourni que %1 des %2 octets du secteur de provisionnement à %3 : le reste (mot de verrouillage, blocs d&apos;accès et du magasin de clés) ne peut pas être conservé ; rien n&apos;a été modifié ; remettez la carte dans son chargeur ROM et réessayez</translation>
    </message>
    <message>
        <source>the key area changed since the plan was shown: expected SHA-256 %1, read %2 (%3 of %4 bytes at %5); nothing was changed; look at the board and run recover again to see a new plan</source>
        <translation>la zone des clés a changé depuis l&apos;affichage du plan : SHA-256 attendu %1, lu %2 (%3 sur %4 octets à %5) ; rien n&apos;a été modifié ; examinez la carte et relancez recover pour voir un nouveau plan</translation>
    </message>
    <message>
        <source>the plan changed since it was shown (%1 differ); nothing was changed; probe again to see the new plan</source>
        <translation>le plan a changé depuis son affichage (%1 diffèrent) ; rien n&apos;a été modifié ; sondez à nouveau pour voir le nouveau plan</translation>
    </message>
    <message>
        <source>the key area reads as when the plan was shown (SHA-256 %1)</source>
        <translation>la zone des clés se lit comme lors de l&apos;affichage du plan (SHA-256 %1)</translation>
    </message>
    <message>
        <source>the plan shown was for the chip&apos;s ROM bootloader, but now %1; nothing was changed; probe again</source>
        <translation>le plan affiché visait le bootloader ROM de la puce, mais maintenant %1 ; rien n&apos;a été modifié ; sondez à nouveau</translation>
    </message>
</context>
<context>
    <name>piton::VerifyJob</name>
    <message>
        <source>Verify %1</source>
        <translation>Vérifier %1</translation>
    </message>
    <message>
        <source>verifying</source>
        <translation>vérification</translation>
    </message>
    <message>
        <source>the package is for board %1, the device is %2</source>
        <translation>le paquet est pour la carte %1, l&apos;appareil est %2</translation>
    </message>
    <message>
        <source>%1 version differs</source>
        <translation>la version de %1 diffère</translation>
    </message>
    <message>
        <source>%1 content differs from the package</source>
        <translation>le contenu de %1 diffère du paquet</translation>
    </message>
</context>
<context>
    <name>piton::WriteRegionJob</name>
    <message>
        <source>Write %1</source>
        <translation>Écrire %1</translation>
    </message>
    <message>
        <source>the image is empty; nothing was changed</source>
        <translation>l&apos;image est vide ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>image %1..%2 is outside region %3 (%4..%5); nothing was changed</source>
        <translation>l&apos;image %1..%2 est hors de la région %3 (%4..%5) ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>raw write</source>
        <translation>écriture brute</translation>
    </message>
    <message>
        <source>its PING says raw writes are off: a locked (production) board takes signed packages only</source>
        <translation>son PING indique l&apos;écriture brute désactivée : une carte verrouillée (production) n&apos;accepte que des paquets signés</translation>
    </message>
    <message>
        <source>raw write refused: region %1 is not an image region (%2); nothing was changed</source>
        <translation>écriture brute refusée : la région %1 n&apos;est pas une région d&apos;image (%2) ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>use config restore</source>
        <translation>utilisez la restauration de configuration</translation>
    </message>
    <message>
        <source>it is written by deploy</source>
        <translation>elle est écrite par le déploiement</translation>
    </message>
    <message>
        <source>it is protected</source>
        <translation>elle est protégée</translation>
    </message>
    <message>
        <source>region %1 reports no sector layout for %2..%3; nothing was changed</source>
        <translation>la région %1 n&apos;indique aucune disposition de secteurs pour %2..%3 ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>%1 %2..%3 was erased</source>
        <translation>%1 %2..%3 a été effacé</translation>
    </message>
    <message>
        <source>erasing</source>
        <translation>effacement</translation>
    </message>
    <message>
        <source>%1; nothing was erased</source>
        <translation>%1 ; rien n&apos;a été effacé</translation>
    </message>
    <message>
        <source>programming</source>
        <translation>programmation</translation>
    </message>
    <message>
        <source>%1; then the write failed: %2</source>
        <translation>%1 ; puis l&apos;écriture a échoué : %2</translation>
    </message>
    <message>
        <source>verifying</source>
        <translation>vérification</translation>
    </message>
    <message>
        <source>%1 and programmed; the read-back failed: %2</source>
        <translation>%1 et programmé ; la relecture a échoué : %2</translation>
    </message>
    <message>
        <source>%1 and programmed, but the read-back SHA-256 differs from the image</source>
        <translation>%1 et programmé, mais le SHA-256 relu diffère de l&apos;image</translation>
    </message>
    <message>
        <source>%1 bytes programmed at %2 and verified</source>
        <translation>%1 octets programmés à %2 et vérifiés</translation>
    </message>
    <message>
        <source>the image</source>
        <translation>l&apos;image</translation>
    </message>
    <message>
        <source>%1; nothing was changed</source>
        <translation>%1 ; rien n&apos;a été modifié</translation>
    </message>
</context>
<context>
    <name>piton::gui::CredentialPrompt</name>
    <message>
        <source>Choose a credential file (.ptcred, made with piton-cli access issue) that grants this role to go on, or cancel: nothing on the board has changed.</source>
        <translation>Choisissez un fichier de justificatif (.ptcred, créé avec piton-cli access issue) qui accorde ce rôle pour continuer, ou annulez : rien n&apos;a été modifié sur la carte.</translation>
    </message>
    <message>
        <source>&amp;Choose credential file…</source>
        <translation>&amp;Choisir un fichier de justificatif…</translation>
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
    <message>
        <source>frames: %1 sent, %2 received; reading the new state: %3 sent, %4 received</source>
        <translation>trames : %1 envoyées, %2 reçues ; lecture du nouvel état : %3 envoyées, %4 reçues</translation>
    </message>
    <message>
        <source>the board does not take the credential %1: %2</source>
        <translation>la carte n&apos;accepte pas le justificatif %1 : %2</translation>
    </message>
    <message>
        <source>pinned the board&apos;s identity key %1</source>
        <translation>clé d&apos;identité de la carte %1 épinglée</translation>
    </message>
</context>
<context>
    <name>piton::gui::ErrorBanner</name>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the message to the clipboard</source>
        <translation>Copier le message dans le presse-papiers</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>piton::gui::KeysPage</name>
    <message>
        <source>The board&apos;s key set</source>
        <translation>Jeu de clés de la carte</translation>
    </message>
    <message>
        <source>Connect a board to see the keys it trusts.</source>
        <translation>Connectez une carte pour voir les clés auxquelles elle fait confiance.</translation>
    </message>
    <message>
        <source>Build a key update</source>
        <translation>Créer une mise à jour des clés</translation>
    </message>
    <message>
        <source>The board takes a key update only when its generation is above the board&apos;s</source>
        <translation>La carte n&apos;accepte une mise à jour des clés que si sa génération dépasse la sienne</translation>
    </message>
    <message>
        <source>Board:</source>
        <translation>Carte :</translation>
    </message>
    <message>
        <source>Generation:</source>
        <translation>Génération :</translation>
    </message>
    <message>
        <source>Root key (private):</source>
        <translation>Clé racine (privée) :</translation>
    </message>
    <message>
        <source>signs the key update; keep it offline</source>
        <translation>signe la mise à jour des clés ; à garder hors ligne</translation>
    </message>
    <message>
        <source>Add package key:</source>
        <translation>Ajouter une clé de paquet :</translation>
    </message>
    <message>
        <source>public key of a new release key</source>
        <translation>clé publique d&apos;une nouvelle clé de publication</translation>
    </message>
    <message>
        <source>Revoke package key:</source>
        <translation>Révoquer une clé de paquet :</translation>
    </message>
    <message>
        <source>public key file or fingerprint</source>
        <translation>fichier de clé publique ou empreinte</translation>
    </message>
    <message>
        <source>Add access key:</source>
        <translation>Ajouter une clé d&apos;accès :</translation>
    </message>
    <message>
        <source>public key of a new access key</source>
        <translation>clé publique d&apos;une nouvelle clé d&apos;accès</translation>
    </message>
    <message>
        <source>Revoke access key:</source>
        <translation>Révoquer une clé d&apos;accès :</translation>
    </message>
    <message>
        <source>New product key (private):</source>
        <translation>Nouvelle clé produit (privée) :</translation>
    </message>
    <message>
        <source>optional: replaces the board&apos;s product key</source>
        <translation>facultatif : remplace la clé produit de la carte</translation>
    </message>
    <message>
        <source>Current product key (public):</source>
        <translation>Clé produit actuelle (publique) :</translation>
    </message>
    <message>
        <source>the new one travels wrapped to it</source>
        <translation>la nouvelle voyage chiffrée pour elle</translation>
    </message>
    <message>
        <source>&amp;Build key update…</source>
        <translation>&amp;Créer la mise à jour des clés…</translation>
    </message>
    <message>
        <source>&amp;Apply to the board…</source>
        <translation>&amp;Appliquer à la carte…</translation>
    </message>
    <message>
        <source>Sends a key update file to the connected board (a factory credential where the access policy applies)</source>
        <translation>Envoie un fichier de mise à jour des clés à la carte connectée (un justificatif d&apos;usine là où la politique d&apos;accès s&apos;applique)</translation>
    </message>
    <message>
        <source>This board does not report a key set: it keeps its provisioned keys and takes no key updates.</source>
        <translation>Cette carte n&apos;indique pas de jeu de clés : elle garde ses clés provisionnées et n&apos;accepte pas de mises à jour des clés.</translation>
    </message>
    <message>
        <source>Key set generation %1%2; key store: %3 of %4 slots used</source>
        <translation>Génération du jeu de clés %1%2 ; magasin de clés : %3 emplacements sur %4 utilisés</translation>
    </message>
    <message>
        <source> (as provisioned)</source>
        <translation> (tel que provisionné)</translation>
    </message>
    <message>
        <source>package key:  %1</source>
        <translation>clé de paquet :  %1</translation>
    </message>
    <message>
        <source>root key:     %1</source>
        <translation>clé racine :     %1</translation>
    </message>
    <message>
        <source>access key:   %1</source>
        <translation>clé d&apos;accès :   %1</translation>
    </message>
    <message>
        <source>product key:  %1</source>
        <translation>clé produit :  %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>revoked:      %1 (%2 key)</source>
        <translation>révoquée :      %1 (clé %2)</translation>
    </message>
    <message>
        <source>Key update not built: choose the root key that signs it.</source>
        <translation>Mise à jour des clés non créée : choisissez la clé racine qui la signe.</translation>
    </message>
    <message>
        <source>building the key update…</source>
        <translation>création de la mise à jour des clés…</translation>
    </message>
    <message>
        <source>Key update not built: %1</source>
        <translation>Mise à jour des clés non créée : %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>Key update for board %1, generation %2, written to %3 (%4 bytes), signed by root key %5:</source>
        <translation>Mise à jour des clés pour la carte %1, génération %2, écrite dans %3 (%4 octets), signée par la clé racine %5 :</translation>
    </message>
    <message>
        <source>  %1 %2 key %3</source>
        <translation>  %1 clé %2 %3</translation>
    </message>
    <message>
        <source>add</source>
        <translation>ajouter</translation>
    </message>
    <message>
        <source>revoke</source>
        <translation>révoquer</translation>
    </message>
    <message>
        <source>Add root key (private):</source>
        <translation>Ajouter une clé racine (privée) :</translation>
    </message>
    <message>
        <source>optional: a new root key; it co-signs the update as proof of possession</source>
        <translation>facultatif : une nouvelle clé racine ; elle cosigne la mise à jour comme preuve de possession</translation>
    </message>
    <message>
        <source>Revoke root key:</source>
        <translation>Révoquer la clé racine :</translation>
    </message>
    <message>
        <source>public key file or fingerprint; at least one root key stays</source>
        <translation>fichier de clé publique ou empreinte ; au moins une clé racine reste</translation>
    </message>
</context>
<context>
    <name>piton::gui::LineCharts</name>
    <message>
        <source>passed</source>
        <translation>réussies</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échouées</translation>
    </message>
    <message>
        <source>Boards per slot this shift</source>
        <translation>Cartes par emplacement pendant cette équipe</translation>
    </message>
    <message>
        <source>slot</source>
        <translation>emplacement</translation>
    </message>
    <message>
        <source>boards per hour</source>
        <translation>cartes par heure</translation>
    </message>
    <message>
        <source>Boards per hour</source>
        <translation>Cartes par heure</translation>
    </message>
    <message>
        <source>minutes into the shift</source>
        <translation>minutes depuis le début de l&apos;équipe</translation>
    </message>
</context>
<context>
    <name>piton::gui::LineLoginDialog</name>
    <message>
        <source>Log in to the line</source>
        <translation>Connexion à la ligne</translation>
    </message>
    <message>
        <source>Operators run released recipes; engineers also release them and edit the set-up.</source>
        <translation>Les opérateurs exécutent les recettes validées ; les ingénieurs les valident aussi et modifient la configuration.</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Compte :</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
</context>
<context>
    <name>piton::gui::LinePage</name>
    <message>
        <source>Mode:</source>
        <translation>Mode :</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>Ingénieur</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <source>Operator: released recipes only, set-up locked, the other pages locked</source>
        <translation>Opérateur : recettes publiées uniquement, configuration verrouillée, les autres pages verrouillées</translation>
    </message>
    <message>
        <source>Start all</source>
        <translation>Tout démarrer</translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>Tout arrêter</translation>
    </message>
    <message>
        <source>Station set-up</source>
        <translation>Configuration du poste</translation>
    </message>
    <message>
        <source>Recipe:</source>
        <translation>Recette :</translation>
    </message>
    <message>
        <source>a released recipe file (.json)</source>
        <translation>un fichier de recette publiée (.json)</translation>
    </message>
    <message>
        <source>sqlite:PATH</source>
        <translation>sqlite:CHEMIN</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de données :</translation>
    </message>
    <message>
        <source>Station:</source>
        <translation>Poste :</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>Opérateur :</translation>
    </message>
    <message>
        <source>one slot a line: serial:/dev/serial/by-path/..., tcp:HOST:PORT, usb:?path=1-2.3</source>
        <translation>un emplacement par ligne : serial:/dev/serial/by-path/..., tcp:HÔTE:PORT, usb:?path=1-2.3</translation>
    </message>
    <message>
        <source>Slots:</source>
        <translation>Emplacements :</translation>
    </message>
    <message>
        <source>Release recipe</source>
        <translation>Publier la recette</translation>
    </message>
    <message>
        <source>Barcode:</source>
        <translation>Code-barres :</translation>
    </message>
    <message>
        <source>scan here: the code goes to the selected slot</source>
        <translation>scannez ici : le code va à l&apos;emplacement sélectionné</translation>
    </message>
    <message>
        <source>New shift</source>
        <translation>Nouvelle équipe</translation>
    </message>
    <message>
        <source>Set the counters and charts to zero</source>
        <translation>Remettre les compteurs et les graphiques à zéro</translation>
    </message>
    <message>
        <source>Line: operator mode</source>
        <translation>Ligne : mode opérateur</translation>
    </message>
    <message>
        <source>Line: engineer mode</source>
        <translation>Ligne : mode ingénieur</translation>
    </message>
    <message>
        <source>Choose a recipe file and a database.</source>
        <translation>Choisissez un fichier de recette et une base de données.</translation>
    </message>
    <message>
        <source>Recipe refused: %1</source>
        <translation>Recette refusée : %1</translation>
    </message>
    <message>
        <source>%1 %2 for %3, SHA-256 %4</source>
        <translation>%1 %2 pour %3, SHA-256 %4</translation>
    </message>
    <message>
        <source>released in this database</source>
        <translation>publiée dans cette base de données</translation>
    </message>
    <message>
        <source>not released in this database: %1</source>
        <translation>non publiée dans cette base de données : %1</translation>
    </message>
    <message>
        <source>Not released: %1</source>
        <translation>Non publiée : %1</translation>
    </message>
    <message>
        <source>Released %1 %2 (SHA-256 %3)</source>
        <translation>%1 %2 publiée (SHA-256 %3)</translation>
    </message>
    <message>
        <source>Line: recipe %1 %2 released by %3 (SHA-256 %4)</source>
        <translation>Ligne : recette %1 %2 publiée par %3 (SHA-256 %4)</translation>
    </message>
    <message>
        <source>Give at least one slot (one link URI a line).</source>
        <translation>Indiquez au moins un emplacement (une URI de liaison par ligne).</translation>
    </message>
    <message>
        <source>Checking the recipe, its packages and the database...</source>
        <translation>Vérification de la recette, de ses paquets et de la base de données...</translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation>Non démarré : %1</translation>
    </message>
    <message>
        <source>Line: not started: %1</source>
        <translation>Ligne : non démarrée : %1</translation>
    </message>
    <message>
        <source>Running %1 %2 on %3 slots (%4 attempts of an earlier run were interrupted)</source>
        <translation>%1 %2 en cours sur %3 emplacements (%4 tentatives d&apos;une exécution précédente ont été interrompues)</translation>
    </message>
    <message>
        <source>Running %1 %2 on %3 slots</source>
        <translation>%1 %2 en cours sur %3 emplacements</translation>
    </message>
    <message>
        <source>Line: station %1 started, recipe %2 %3, %4 slots, operator %5</source>
        <translation>Ligne : poste %1 démarré, recette %2 %3, %4 emplacements, opérateur %5</translation>
    </message>
    <message>
        <source>Stopping: running attempts end at their next safe point...</source>
        <translation>Arrêt en cours : les tentatives en cours s&apos;arrêtent à leur prochain point sûr...</translation>
    </message>
    <message>
        <source>Stopped: %1 boards, %2 passed, %3 failed, %4 aborted</source>
        <translation>Arrêté : %1 cartes, %2 réussies, %3 échouées, %4 interrompues</translation>
    </message>
    <message>
        <source>Line: station stopped: %1 boards, %2 passed, %3 failed, %4 aborted</source>
        <translation>Ligne : poste arrêté : %1 cartes, %2 réussies, %3 échouées, %4 interrompues</translation>
    </message>
    <message>
        <source>Line: slot %1 started</source>
        <translation>Ligne : emplacement %1 démarré</translation>
    </message>
    <message>
        <source>Line: slot %1 stopped</source>
        <translation>Ligne : emplacement %1 arrêté</translation>
    </message>
    <message>
        <source>Line: slot %1: board %2 passed this recipe before (not run again)</source>
        <translation>Ligne : emplacement %1 : la carte %2 a déjà réussi cette recette (pas de nouvelle exécution)</translation>
    </message>
    <message>
        <source>Line: slot %1: board %2 passed, serial %3</source>
        <translation>Ligne : emplacement %1 : carte %2 réussie, numéro de série %3</translation>
    </message>
    <message>
        <source>Line: slot %1: board %2 %3 at %4: %5</source>
        <translation>Ligne : emplacement %1 : carte %2 %3 à %4 : %5</translation>
    </message>
    <message>
        <source>Line: slot %1: the scanned code %2 differs from the board&apos;s serial %3</source>
        <translation>Ligne : emplacement %1 : le code scanné %2 diffère du numéro de série de la carte %3</translation>
    </message>
    <message>
        <source>Line: slot %1: %2</source>
        <translation>Ligne : emplacement %1 : %2</translation>
    </message>
    <message>
        <source>Scanned %1, but no slot is selected: click a slot first</source>
        <translation>%1 scanné, mais aucun emplacement n&apos;est sélectionné : cliquez d&apos;abord sur un emplacement</translation>
    </message>
    <message>
        <source>Line: scanned %1 with no slot selected</source>
        <translation>Ligne : %1 scanné sans emplacement sélectionné</translation>
    </message>
    <message>
        <source>Line: slot %1: scanned %2</source>
        <translation>Ligne : emplacement %1 : %2 scanné</translation>
    </message>
    <message>
        <source>Line: slot %1: scanned %2, matches the board&apos;s serial</source>
        <translation>Ligne : emplacement %1 : %2 scanné, correspond au numéro de série de la carte</translation>
    </message>
    <message>
        <source>Line: slot %1: scanned %2, but the board&apos;s serial is %3</source>
        <translation>Ligne : emplacement %1 : %2 scanné, mais le numéro de série de la carte est %3</translation>
    </message>
    <message>
        <source>Passed: %1</source>
        <translation>Réussies : %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Échouées : %1</translation>
    </message>
    <message>
        <source>First-pass yield: -</source>
        <translation>Rendement au premier passage : -</translation>
    </message>
    <message>
        <source>First-pass yield: %1 %</source>
        <translation>Rendement au premier passage : %1 %</translation>
    </message>
    <message>
        <source>Boards/hour: %1</source>
        <translation>Cartes/heure : %1</translation>
    </message>
    <message>
        <source>Line: new shift, counters set to zero</source>
        <translation>Ligne : nouvelle équipe, compteurs remis à zéro</translation>
    </message>
    <message>
        <source>Log in...</source>
        <translation>Se connecter...</translation>
    </message>
    <message>
        <source>Checking the account %1...</source>
        <translation>Vérification du compte %1...</translation>
    </message>
    <message>
        <source>Not logged in: %1</source>
        <translation>Non connecté : %1</translation>
    </message>
    <message>
        <source>Line: log-in of %1 refused: %2</source>
        <translation>Ligne : connexion de %1 refusée : %2</translation>
    </message>
    <message>
        <source>%1 (engineer)</source>
        <translation>%1 (ingénieur)</translation>
    </message>
    <message>
        <source>%1 (operator)</source>
        <translation>%1 (opérateur)</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Logged in as %1</source>
        <translation>Connecté en tant que %1</translation>
    </message>
    <message>
        <source>Line: %1 logged in (%2)</source>
        <translation>Ligne : %1 connecté (%2)</translation>
    </message>
    <message>
        <source>Line: %1 logged out</source>
        <translation>Ligne : %1 déconnecté</translation>
    </message>
    <message>
        <source>Engineer mode needs an engineer to log in</source>
        <translation>Le mode ingénieur exige la connexion d&apos;un ingénieur</translation>
    </message>
    <message>
        <source>Line: slot %1: scanned %2 for the board&apos;s identifier</source>
        <translation>Ligne : emplacement %1 : %2 scanné comme identifiant de la carte</translation>
    </message>
    <message>
        <source>Line: board %1 needs checking: %2</source>
        <translation>Ligne : la carte %1 doit être vérifiée : %2</translation>
    </message>
    <message>
        <source>Logged in as %1 (offline)</source>
        <translation>Connecté en tant que %1 (hors ligne)</translation>
    </message>
    <message>
        <source>Offline: working on the local journal. The server is unreachable (%1); %2 was checked against the journal&apos;s copy of the accounts of %3.</source>
        <translation>Hors ligne : travail sur le journal local. Le serveur est injoignable (%1) ; %2 a été vérifié par la copie des comptes du journal du %3.</translation>
    </message>
    <message>
        <source>Line: %1 logged in (%2) offline, against the copy of the accounts in %3: %4</source>
        <translation>Ligne : %1 connecté (%2) hors ligne, par la copie des comptes dans %3 : %4</translation>
    </message>
    <message>
        <source>Offline: working on the local journal %1. The server is unreachable (%2); records catch up when it is back.</source>
        <translation>Hors ligne : travail sur le journal local %1. Le serveur est injoignable (%2) ; les enregistrements seront rattrapés à son retour.</translation>
    </message>
    <message>
        <source>Offline: working on the local journal %1. The server is unreachable (%2); %3 records wait for it.</source>
        <translation>Hors ligne : travail sur le journal local %1. Le serveur est injoignable (%2) ; %3 enregistrements l&apos;attendent.</translation>
    </message>
    <message>
        <source>Line: the database server is unreachable, working on the local journal: %1</source>
        <translation>Ligne : le serveur de base de données est injoignable, travail sur le journal local : %1</translation>
    </message>
    <message>
        <source>Line: the database server is back; the journal&apos;s records catch up</source>
        <translation>Ligne : le serveur de base de données est de retour ; les enregistrements du journal sont rattrapés</translation>
    </message>
    <message>
        <source>Slot:</source>
        <translation>Emplacement :</translation>
    </message>
    <message>
        <source>The selected slot: the next scanned code goes to it (Up and Down in the barcode field change it too)</source>
        <translation>L&apos;emplacement choisi : le prochain code scanné lui est attribué (Haut et Bas dans le champ code-barres le changent aussi)</translation>
    </message>
    <message>
        <source>Ctrl+B puts the cursor here; Up and Down choose the previous or next slot</source>
        <translation>Ctrl+B place le curseur ici ; Haut et Bas choisissent l&apos;emplacement précédent ou suivant</translation>
    </message>
    <message>
        <source>Start every slot (F9)</source>
        <translation>Démarrer tous les emplacements (F9)</translation>
    </message>
    <message>
        <source>Stop every slot: running attempts end at their next safe point (Shift+F9)</source>
        <translation>Arrêter tous les emplacements : les tentatives en cours s&apos;arrêtent à leur prochain point sûr (Maj+F9)</translation>
    </message>
    <message>
        <source>Record the recipe (its SHA-256) as released in the database; operators can run only released recipes (Ctrl+R)</source>
        <translation>Enregistrer la recette (son SHA-256) comme publiée dans la base de données ; les opérateurs ne peuvent exécuter que des recettes publiées (Ctrl+R)</translation>
    </message>
    <message>
        <source>Releasing...</source>
        <translation>Publication...</translation>
    </message>
    <message>
        <source>Line: recipe not released: %1</source>
        <translation>Ligne : recette non publiée : %1</translation>
    </message>
    <message>
        <source>The recipe is being released: start when the release is done.</source>
        <translation>La recette est en cours de publication : démarrez quand la publication est terminée.</translation>
    </message>
</context>
<context>
    <name>piton::gui::LineSlotTile</name>
    <message>
        <source>EMPTY</source>
        <translation>VIDE</translation>
    </message>
    <message>
        <source>BOARD FOUND</source>
        <translation>CARTE DÉTECTÉE</translation>
    </message>
    <message>
        <source>RUNNING</source>
        <translation>EN COURS</translation>
    </message>
    <message>
        <source>PASSED (BEFORE)</source>
        <translation>RÉUSSIE (AVANT)</translation>
    </message>
    <message>
        <source>PASSED</source>
        <translation>RÉUSSIE</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>ÉCHOUÉE</translation>
    </message>
    <message>
        <source>REMOVED</source>
        <translation>RETIRÉE</translation>
    </message>
    <message>
        <source>STOPPED</source>
        <translation>ARRÊTÉ</translation>
    </message>
    <message>
        <source>NOT STARTED</source>
        <translation>NON DÉMARRÉ</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Slot %1</source>
        <translation>Emplacement %1</translation>
    </message>
    <message>
        <source>step 0 of %1</source>
        <translation>étape 0 sur %1</translation>
    </message>
    <message>
        <source>step %1 of %2: %3</source>
        <translation>étape %1 sur %2 : %3</translation>
    </message>
    <message>
        <source>step %1 of %2: %3 (retry)</source>
        <translation>étape %1 sur %2 : %3 (nouvel essai)</translation>
    </message>
    <message>
        <source>%1 failed, retrying: %2</source>
        <translation>%1 a échoué, nouvel essai : %2</translation>
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
        <source>passed this recipe before; not run again</source>
        <translation>a déjà réussi cette recette ; pas de nouvelle exécution</translation>
    </message>
    <message>
        <source>all steps passed</source>
        <translation>toutes les étapes réussies</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>stopped during the attempt</source>
        <translation>arrêté pendant la tentative</translation>
    </message>
    <message>
        <source>failed at %1</source>
        <translation>échec à %1</translation>
    </message>
    <message>
        <source>serial: -</source>
        <translation>numéro de série : -</translation>
    </message>
    <message>
        <source>serial: %1</source>
        <translation>numéro de série : %1</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Stop this slot (a running attempt is aborted and recorded)</source>
        <translation>Arrêter cet emplacement (une tentative en cours est interrompue et enregistrée)</translation>
    </message>
    <message>
        <source>Start this slot</source>
        <translation>Démarrer cet emplacement</translation>
    </message>
    <message>
        <source>scanned: %1</source>
        <translation>scanné : %1</translation>
    </message>
    <message>
        <source>scanned %1: matches the serial</source>
        <translation>%1 scanné : correspond au numéro de série</translation>
    </message>
    <message>
        <source>scanned %1: the board&apos;s serial is %2</source>
        <translation>%1 scanné : le numéro de série de la carte est %2</translation>
    </message>
    <message>
        <source>SCAN BARCODE</source>
        <translation>SCANNER LE CODE-BARRES</translation>
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
    <message>
        <source>Signer&apos;s public key (for packages that do not name it):</source>
        <translation>Clé publique du signataire (pour les paquets qui ne la nomment pas) :</translation>
    </message>
    <message>
        <source>optional: public key .pem</source>
        <translation>facultatif : clé publique .pem</translation>
    </message>
    <message>
        <source>Signer: key %1, trusted by this board
</source>
        <translation>Signataire : clé %1, reconnue par cette carte
</translation>
    </message>
    <message>
        <source>Signer: not named in the package and no public key given: the board checks it after the package is sent
</source>
        <translation>Signataire : non nommé dans le paquet et aucune clé publique donnée : la carte le vérifie seulement après l&apos;envoi du paquet
</translation>
    </message>
    <message>
        <source>language %1 is used from the next start</source>
        <translation>la langue %1 s&apos;applique au prochain démarrage</translation>
    </message>
    <message>
        <source>The new language is used from the next start of Piton.</source>
        <translation>La nouvelle langue s&apos;applique au prochain démarrage de Piton.</translation>
    </message>
    <message>
        <source>Close Piton</source>
        <translation>Fermer Piton</translation>
    </message>
    <message>
        <source>The %1 is still running. Closing cancels it; the board keeps what it already has (an update can be resumed later).

Close anyway?</source>
        <translation>L&apos;opération « %1 » est encore en cours. Fermer l&apos;annule ; la carte garde ce qu&apos;elle a déjà (une mise à jour peut être reprise plus tard).

Fermer quand même ?</translation>
    </message>
    <message>
        <source>close cancelled: %1 goes on</source>
        <translation>fermeture annulée : %1 continue</translation>
    </message>
    <message>
        <source>closing: cancelling %1</source>
        <translation>fermeture : annulation de %1</translation>
    </message>
    <message>
        <source>Export board history</source>
        <translation>Exporter l&apos;historique de la carte</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation>Connexion impossible</translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation>Échec de la connexion</translation>
    </message>
    <message>
        <source>board history: %1</source>
        <translation>historique de la carte : %1</translation>
    </message>
    <message>
        <source>history of board %1 exported to %2</source>
        <translation>historique de la carte %1 exporté vers %2</translation>
    </message>
    <message>
        <source>refreshing the device state</source>
        <translation>relecture de l&apos;état de l&apos;appareil</translation>
    </message>
    <message>
        <source>Piton help</source>
        <translation>Aide de Piton</translation>
    </message>
    <message>
        <source>About Piton</source>
        <translation>À propos de Piton</translation>
    </message>
    <message>
        <source>Cannot use this package</source>
        <translation>Ce paquet est inutilisable</translation>
    </message>
    <message>
        <source>Update refused, nothing was sent</source>
        <translation>Mise à jour refusée, rien n&apos;a été envoyé</translation>
    </message>
    <message>
        <source>Connect to a device before restoring its config.</source>
        <translation>Connectez-vous à un appareil avant de restaurer sa configuration.</translation>
    </message>
    <message>
        <source>Choose a factory bundle</source>
        <translation>Choisir un bundle d&apos;usine</translation>
    </message>
    <message>
        <source>Factory bundles (*.ptfb);;All files (*)</source>
        <translation>Bundles d&apos;usine (*.ptfb);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>&amp;Line</source>
        <translation>&amp;Ligne</translation>
    </message>
    <message>
        <source>Choose a recipe</source>
        <translation>Choisir une recette</translation>
    </message>
    <message>
        <source>Recipes (*.json);;All files (*)</source>
        <translation>Recettes (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Choose the line database</source>
        <translation>Choisir la base de données de la ligne</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>Bases de données SQLite (*.db *.sqlite);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Access:</source>
        <translation>Accès :</translation>
    </message>
    <message>
        <source>observer</source>
        <translation>observateur (observer)</translation>
    </message>
    <message>
        <source>technician</source>
        <translation>technicien (technician)</translation>
    </message>
    <message>
        <source>factory</source>
        <translation>usine (factory)</translation>
    </message>
    <message>
        <source>policy enforced; this session: %1</source>
        <translation>règles d’accès appliquées ; cette session : %1</translation>
    </message>
    <message>
        <source>Credential needed</source>
        <translation>Justificatif nécessaire</translation>
    </message>
    <message>
        <source>Choose a credential</source>
        <translation>Choisir un justificatif</translation>
    </message>
    <message>
        <source>Piton credentials (*.ptcred);;All files (*)</source>
        <translation>Justificatifs Piton (*.ptcred);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>credential %1 chosen; connecting again</source>
        <translation>justificatif %1 choisi ; nouvelle connexion</translation>
    </message>
    <message>
        <source>%1 compressed and encrypted</source>
        <translation>%1 compressé et chiffré</translation>
    </message>
    <message>
        <source>%1 compressed</source>
        <translation>%1 compressé</translation>
    </message>
    <message>
        <source>%1 encrypted</source>
        <translation>%1 chiffré</translation>
    </message>
    <message>
        <source>Payload: %1 %2 → region %3 at offset %4, %5 image, %6</source>
        <translation>Charge utile : %1 %2 → région %3 au décalage %4, image de %5, %6</translation>
    </message>
    <message>
        <source>Device k&amp;eys</source>
        <translation>Cl&amp;és de la carte</translation>
    </message>
    <message>
        <source>Key update</source>
        <translation>Mise à jour des clés</translation>
    </message>
    <message>
        <source>Apply the key update %1 to the board? It changes which keys the board trusts.</source>
        <translation>Appliquer la mise à jour des clés %1 à la carte ? Elle change les clés auxquelles la carte fait confiance.</translation>
    </message>
    <message>
        <source>key update</source>
        <translation>mise à jour des clés</translation>
    </message>
    <message>
        <source>no access key on the board: changes only over serial or USB (physical access); read-only over TCP</source>
        <translation>aucune clé d&apos;accès sur la carte : modifications seulement par série ou USB (accès physique) ; lecture seule via TCP</translation>
    </message>
    <message>
        <source>read-only over TCP: changes need a technician session over TCP; this board trusts no access key: provision one with --trust-access-key</source>
        <translation>lecture seule via TCP : les modifications via TCP demandent une session technicien ; cette carte ne fait confiance à aucune clé d&apos;accès : provisionnez-en une avec --trust-access-key</translation>
    </message>
    <message>
        <source>open (no access policy on the board)</source>
        <translation>ouvert (aucune politique d&apos;accès sur la carte)</translation>
    </message>
    <message>
        <source>Read-only board</source>
        <translation>Carte en lecture seule</translation>
    </message>
    <message>
        <source>This board enforces an access policy: changing it needs a session with a credential</source>
        <translation>Cette carte applique une politique d&apos;accès : la modifier nécessite une session avec un justificatif</translation>
    </message>
    <message>
        <source>%1 waits for a credential: %2</source>
        <translation>%1 attend un justificatif : %2</translation>
    </message>
    <message>
        <source>%1: the board refuses it without a credential. The board says: %2</source>
        <translation>%1 : la carte le refuse sans justificatif. La carte indique : %2</translation>
    </message>
    <message>
        <source>credential %1 chosen; the operation goes on</source>
        <translation>justificatif %1 choisi ; l&apos;opération continue</translation>
    </message>
    <message>
        <source>no credential given: cancelling</source>
        <translation>aucun justificatif fourni : annulation</translation>
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
    <message>
        <source>Signer: %1</source>
        <translation>Signataire : %1</translation>
    </message>
    <message>
        <source>Signer: not named in the package (made by an older Piton)</source>
        <translation>Signataire : non nommé dans le paquet (créé par un Piton plus ancien)</translation>
    </message>
    <message>
        <source>Signer: key %1 (the signature verifies under it)</source>
        <translation>Signataire : clé %1 (la signature est valide avec elle)</translation>
    </message>
    <message>
        <source>Signature against a key of yours: not checked (choose a public key to check it)</source>
        <translation>Signature avec une clé à vous : non vérifiée (choisissez une clé publique pour la vérifier)</translation>
    </message>
    <message>
        <source>    LZ4-compressed: %1 bytes stored (%2 % of the image)</source>
        <translation>    Compressé LZ4 : %1 octets stockés (%2 % de l’image)</translation>
    </message>
    <message>
        <source>LZ4 where it saves at least 1/8</source>
        <translation>LZ4 là où cela économise au moins 1/8</translation>
    </message>
    <message>
        <source>LZ4 always</source>
        <translation>LZ4 toujours</translation>
    </message>
    <message>
        <source>Off (readable by bootloaders before compression)</source>
        <translation>Désactivée (lisible par les bootloaders sans compression)</translation>
    </message>
    <message>
        <source>Compressed payloads travel and stage faster; the bootloader decompresses while installing</source>
        <translation>Les charges compressées se transfèrent et se préparent plus vite ; le bootloader les décompresse pendant l’installation</translation>
    </message>
    <message>
        <source>Compression:</source>
        <translation>Compression :</translation>
    </message>
    <message>
        <source>Encrypted: key block unreadable: %1</source>
        <translation>Chiffré : bloc de clés illisible : %1</translation>
    </message>
    <message numerus="yes">
        <source>Encrypted (AES-256-CTR), content key wrapped to %n key(s):</source>
        <translation>
            <numerusform>Chiffré (AES-256-CTR), clé de contenu enveloppée pour %n clé :</numerusform>
            <numerusform>Chiffré (AES-256-CTR), clé de contenu enveloppée pour %n clés :</numerusform>
        </translation>
    </message>
    <message>
        <source>    product key %1</source>
        <translation>    clé produit %1</translation>
    </message>
    <message>
        <source>    device key %1</source>
        <translation>    clé d&apos;appareil %1</translation>
    </message>
    <message>
        <source>product public key (.pem); empty: not encrypted</source>
        <translation>clé publique produit (.pem) ; vide : non chiffré</translation>
    </message>
    <message>
        <source>Encrypts the payloads (AES-256-CTR) with a random content key wrapped to this product key; boards provisioned with its private half decrypt while installing</source>
        <translation>Chiffre les charges utiles (AES-256-CTR) avec une clé de contenu aléatoire enveloppée pour cette clé produit ; les cartes provisionnées avec sa moitié privée déchiffrent pendant l&apos;installation</translation>
    </message>
    <message>
        <source>Encrypt to:</source>
        <translation>Chiffrer pour :</translation>
    </message>
    <message>
        <source>device public keys (.pem), separated by ; (optional)</source>
        <translation>clés publiques d&apos;appareil (.pem), séparées par ; (facultatif)</translation>
    </message>
    <message>
        <source>Also wraps the content key to these device keys (needs a product key)</source>
        <translation>Enveloppe aussi la clé de contenu pour ces clés d&apos;appareil (nécessite une clé produit)</translation>
    </message>
    <message>
        <source>Device keys:</source>
        <translation>Clés d&apos;appareil :</translation>
    </message>
    <message>
        <source>device keys are extra recipients: choose the product key to encrypt to as well</source>
        <translation>les clés d&apos;appareil sont des destinataires supplémentaires : choisissez aussi la clé produit pour laquelle chiffrer</translation>
    </message>
</context>
<context>
    <name>piton::gui::RecoverPage</name>
    <message>
        <source>No device connected</source>
        <translation>Aucun appareil connecté</translation>
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
    <message>
        <source>When the board does not answer: the recovery ladder</source>
        <translation>Quand la carte ne répond pas : récupération par paliers</translation>
    </message>
    <message>
        <source>the board&apos;s link, e.g. serial:/dev/ttyUSB0</source>
        <translation>liaison de la carte, p. ex. serial:/dev/ttyUSB0</translation>
    </message>
    <message>
        <source>factory bundle (.ptfb): bootloader, package, keys</source>
        <translation>bundle d&apos;usine (.ptfb) : bootloader, paquet, clés</translation>
    </message>
    <message>
        <source>Board link:</source>
        <translation>Liaison de la carte :</translation>
    </message>
    <message>
        <source>ROM link:</source>
        <translation>Liaison ROM :</translation>
    </message>
    <message>
        <source>Factory bundle:</source>
        <translation>Bundle d&apos;usine :</translation>
    </message>
    <message>
        <source>Piton tries the board&apos;s own code first, then the chip&apos;s ROM bootloader.</source>
        <translation>Piton essaie d&apos;abord le code propre à la carte, puis le bootloader ROM de la puce.</translation>
    </message>
    <message>
        <source>Find what a&amp;nswers</source>
        <translation>&amp;Trouver ce qui répond</translation>
    </message>
    <message>
        <source>Ask Piton on the board&apos;s link, then the chip&apos;s ROM bootloader; changes nothing</source>
        <translation>Interroger Piton sur la liaison de la carte, puis le bootloader ROM de la puce ; ne modifie rien</translation>
    </message>
    <message>
        <source>Recover through the R&amp;OM</source>
        <translation>Récupérer via la R&amp;OM</translation>
    </message>
    <message>
        <source>Write Piton&apos;s bootloader from the bundle through the ROM, then deploy and restore</source>
        <translation>Écrire le bootloader de Piton depuis le bundle via la ROM, puis déployer et restaurer</translation>
    </message>
    <message>
        <source>No Piton code answers on %1. Piton will, through the chip&apos;s ROM bootloader:</source>
        <translation>Aucun code Piton ne répond sur %1. Via le bootloader ROM de la puce, Piton va :</translation>
    </message>
    <message>
        <source>then deploy the bundle&apos;s package and write the config. Go ahead?</source>
        <translation>puis déployer le paquet du bundle et écrire la configuration. Continuer ?</translation>
    </message>
    <message>
        <source>Recover through the ROM</source>
        <translation>Récupérer via la ROM</translation>
    </message>
    <message>
        <source>recovery through the ROM cancelled</source>
        <translation>récupération via la ROM annulée</translation>
    </message>
    <message>
        <source>Connect to the board first (serial, network). A board that does not answer at all may need its chip&apos;s ROM bootloader: the recovery ladder below finds what answers.</source>
        <translation>Connectez-vous d&apos;abord à la carte (série, réseau). Une carte qui ne répond pas du tout peut nécessiter le bootloader ROM de sa puce : la récupération par paliers ci-dessous trouve ce qui répond.</translation>
    </message>
    <message>
        <source>%1: %2 %</source>
        <translation>%1 : %2 %</translation>
    </message>
    <message>
        <source>%1 ...</source>
        <translation>%1 ...</translation>
    </message>
    <message>
        <source>Asking Piton, then the ROM bootloader ...</source>
        <translation>Interrogation de Piton, puis du bootloader ROM ...</translation>
    </message>
    <message>
        <source>Recovering through the ROM ...</source>
        <translation>Récupération via la ROM ...</translation>
    </message>
    <message>
        <source>A factory bundle is needed to bring the board back from the ROM: choose one above.</source>
        <translation>Un bundle d&apos;usine est nécessaire pour rétablir la carte depuis la ROM : choisissez-en un ci-dessus.</translation>
    </message>
    <message>
        <source>The bundle cannot be used: %1</source>
        <translation>Le bundle est inutilisable : %1</translation>
    </message>
    <message>
        <source>Recover will:</source>
        <translation>Étapes de la récupération :</translation>
    </message>
    <message>
        <source>deploy the bundle&apos;s package and write the config</source>
        <translation>déployer le paquet du bundle et écrire la configuration</translation>
    </message>
    <message>
        <source>Piton answers: connect to the board above, and this page shows what it needs.</source>
        <translation>Piton répond : connectez-vous à la carte ci-dessus, et cette page indique ce dont elle a besoin.</translation>
    </message>
    <message>
        <source>Recovered through the ROM: Piton&apos;s bootloader is back; connect to the board above.</source>
        <translation>Récupérée via la ROM : le bootloader de Piton est de retour ; connectez-vous à la carte ci-dessus.</translation>
    </message>
    <message>
        <source>Recovered; connect to the board above.</source>
        <translation>Récupérée ; connectez-vous à la carte ci-dessus.</translation>
    </message>
    <message>
        <source>The board: %1</source>
        <translation>La carte : %1</translation>
    </message>
    <message>
        <source>derived from the board&apos;s link (serial:PATH gives rom+serial:PATH, usb:?path=P gives dfu:?path=P)</source>
        <translation>déduite de la liaison de la carte (serial:PATH donne rom+serial:PATH, usb:?path=P donne dfu:?path=P)</translation>
    </message>
    <message>
        <source>The chip&apos;s key area was read once: %1 bytes, SHA-256 %2. Recover reads it again before any erase and refuses if it changed.</source>
        <translation>La zone de clés de la puce a été lue une fois : %1 octets, SHA-256 %2. La récupération la relit avant tout effacement et refuse si elle a changé.</translation>
    </message>
</context>
<context>
    <name>piton::gui::RegionMap</name>
    <message>
        <source>no device</source>
        <translation>aucun appareil</translation>
    </message>
</context>
<context>
    <name>piton::gui::WindowMenu</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Save log…</source>
        <translation>&amp;Enregistrer le journal…</translation>
    </message>
    <message>
        <source>&amp;Export board history…</source>
        <translation>&amp;Exporter l&apos;historique de la carte…</translation>
    </message>
    <message>
        <source>Save what was done to the connected board (who, what, when, result) for support</source>
        <translation>Enregistrer ce qui a été fait sur la carte connectée (qui, quoi, quand, résultat) pour le support</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>De&amp;vice</source>
        <translation>&amp;Appareil</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connecter</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Déconnecter</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Update…</source>
        <translation>&amp;Mettre à jour…</translation>
    </message>
    <message>
        <source>C&amp;ancel the operation</source>
        <translation>&amp;Annuler l&apos;opération</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Piton &amp;help</source>
        <translation>&amp;Aide de Piton</translation>
    </message>
    <message>
        <source>&amp;About Piton</source>
        <translation>À &amp;propos de Piton</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Piton&lt;/h3&gt;&lt;p&gt;Connect to a board (choose the transport, type or pick the port or host:port, press Enter), then update it with a signed package (.ptpkg), back up or restore its configuration, or recover it on the Recover page. Before anything is written, the regions it will change are marked on the map and you are asked.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Shortcuts:&lt;/b&gt; Ctrl+K connect, Ctrl+Shift+K disconnect, F5 refresh, Ctrl+U update, Esc cancel the running operation, Ctrl+S save the log, F1 this help.&lt;/p&gt;&lt;p&gt;Failures are shown in a red banner at the top of the window with the whole message, and in the log (errors in red). Every operation on a board is also kept in its history (who, what, when, result) in %1; File ▸ Export board history saves the connected board&apos;s history for support.&lt;/p&gt;&lt;p&gt;The manuals: &lt;tt&gt;man piton&lt;/tt&gt;, &lt;tt&gt;man piton-cli&lt;/tt&gt;, and /usr/share/doc/piton.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Piton&lt;/h3&gt;&lt;p&gt;Connectez-vous à une carte (choisissez le transport, saisissez ou choisissez le port ou hôte:port, appuyez sur Entrée), puis mettez-la à jour avec un paquet signé (.ptpkg), sauvegardez ou restaurez sa configuration, ou récupérez-la dans la page Récupérer. Avant toute écriture, les régions modifiées sont marquées sur la carte et la confirmation vous est demandée.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Raccourcis :&lt;/b&gt; Ctrl+K connecter, Ctrl+Maj+K déconnecter, F5 actualiser, Ctrl+U mettre à jour, Échap annuler l&apos;opération en cours, Ctrl+S enregistrer le journal, F1 cette aide.&lt;/p&gt;&lt;p&gt;Les échecs s&apos;affichent en entier dans un bandeau rouge en haut de la fenêtre et dans le journal (erreurs en rouge). Chaque opération sur une carte est aussi conservée dans son historique (qui, quoi, quand, résultat) dans %1 ; Fichier ▸ Exporter l&apos;historique de la carte l&apos;enregistre pour le support.&lt;/p&gt;&lt;p&gt;Les manuels : &lt;tt&gt;man piton&lt;/tt&gt;, &lt;tt&gt;man piton-cli&lt;/tt&gt; et /usr/share/doc/piton.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Piton %1&lt;/h3&gt;&lt;p&gt;Flashing and recovery workstation for microcontroller boards.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;&lt;p&gt;Copyright 2026 The Piton developers. All rights reserved: no licence has been chosen yet (see /usr/share/doc/piton/copyright).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Piton %1&lt;/h3&gt;&lt;p&gt;Poste de programmation et de récupération de cartes à microcontrôleur.&lt;/p&gt;&lt;p&gt;Compilé avec Qt %2, exécuté avec Qt %3.&lt;/p&gt;&lt;p&gt;Copyright 2026 The Piton developers. Tous droits réservés : aucune licence n&apos;a encore été choisie (voir /usr/share/doc/piton/copyright).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>piton::line</name>
    <message>
        <source>format &apos;%1&apos;: &apos;}&apos; at position %2 closes no placeholder</source>
        <translation>format &apos;%1&apos; : « } » à la position %2 ne ferme aucun espace réservé</translation>
    </message>
    <message>
        <source>format &apos;%1&apos;: only printable ASCII is allowed (position %2)</source>
        <translation>format &apos;%1&apos; : seul l&apos;ASCII imprimable est autorisé (position %2)</translation>
    </message>
    <message>
        <source>format &apos;%1&apos;: &apos;{&apos; at position %2 is not closed</source>
        <translation>format &apos;%1&apos; : « { » à la position %2 n&apos;est pas fermé</translation>
    </message>
    <message>
        <source>format &apos;%1&apos;: unknown placeholder {%2} (known: {seq}, {seq:N}, {seq36:N}, {yyyy}, {yy}, {mm}, {dd}, {ww})</source>
        <translation>format &apos;%1&apos; : espace réservé inconnu {%2} (connus : {seq}, {seq:N}, {seq36:N}, {yyyy}, {yy}, {mm}, {dd}, {ww})</translation>
    </message>
    <message>
        <source>format &apos;%1&apos;: width of {%2} must be 1..%3</source>
        <translation>format &apos;%1&apos; : la largeur de {%2} doit être 1..%3</translation>
    </message>
    <message>
        <source>format &apos;%1&apos;: {seq36} needs a width, e.g. {seq36:5}</source>
        <translation>format &apos;%1&apos; : {seq36} a besoin d&apos;une largeur, p. ex. {seq36:5}</translation>
    </message>
    <message>
        <source>format &apos;%1&apos; must hold exactly one {seq...} placeholder, has %2</source>
        <translation>le format &apos;%1&apos; doit contenir exactement un espace réservé {seq...}, il en a %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a MAC address: six hex pairs separated by &apos;:&apos; (e.g. 02:00:00:12:34:56)</source>
        <translation>&apos;%1&apos; n&apos;est pas une adresse MAC : six paires hexadécimales séparées par « : » (p. ex. 02:00:00:12:34:56)</translation>
    </message>
    <message>
        <source>line %1: identifier longer than 128 bytes</source>
        <translation>ligne %1 : identifiant de plus de 128 octets</translation>
    </message>
    <message>
        <source>line %1: control character in identifier</source>
        <translation>ligne %1 : caractère de contrôle dans l&apos;identifiant</translation>
    </message>
    <message>
        <source>line %1: &apos;%2&apos; is a duplicate of line %3</source>
        <translation>ligne %1 : &apos;%2&apos; est un doublon de la ligne %3</translation>
    </message>
    <message>
        <source>the list holds no identifier</source>
        <translation>la liste ne contient aucun identifiant</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos;: the scanned code &apos;%2&apos; does not match the pattern &apos;%3&apos;</source>
        <translation>pool &apos;%1&apos; : le code scanné &apos;%2&apos; ne correspond pas au motif &apos;%3&apos;</translation>
    </message>
    <message>
        <source>pool name &apos;%1&apos;: use 1..64 letters, digits, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;</source>
        <translation>nom de pool &apos;%1&apos; : utilisez 1..64 lettres, chiffres, « _ », « . », « - »</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos;</source>
        <translation>pool &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1: &apos;first&apos; and &apos;last&apos; must be numbers</source>
        <translation>%1 : « first » et « last » doivent être des nombres</translation>
    </message>
    <message>
        <source>%1: &apos;first&apos; and &apos;last&apos; must be whole numbers &gt;= 0</source>
        <translation>%1 : « first » et « last » doivent être des entiers &gt;= 0</translation>
    </message>
    <message>
        <source>%1: last %2 does not fit the format &apos;%3&apos; (at most %4)</source>
        <translation>%1 : last %2 ne tient pas dans le format &apos;%3&apos; (au plus %4)</translation>
    </message>
    <message>
        <source>%1: %2 is a multicast address (bit 0 of the first byte is set)</source>
        <translation>%1 : %2 est une adresse multicast (le bit 0 du premier octet est à 1)</translation>
    </message>
    <message>
        <source>%1: a list pool needs &apos;file&apos;</source>
        <translation>%1 : un pool de type liste a besoin de « file »</translation>
    </message>
    <message>
        <source>%1: cannot read %2: %3</source>
        <translation>%1 : impossible de lire %2 : %3</translation>
    </message>
    <message>
        <source>%1: a list pool needs &apos;sha256&apos; of its file (it is %2)</source>
        <translation>%1 : un pool de type liste a besoin du « sha256 » de son fichier (c&apos;est %2)</translation>
    </message>
    <message>
        <source>%1: %2 has SHA-256 %3, the recipe pins %4</source>
        <translation>%1 : %2 a le SHA-256 %3, la recette fixe %4</translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation>%1 : %2 : %3</translation>
    </message>
    <message>
        <source>%1: the format must hold {uid} once</source>
        <translation>%1 : le format doit contenir {uid} une seule fois</translation>
    </message>
    <message>
        <source>%1: the pattern &apos;%2&apos; is not a valid regular expression: %3</source>
        <translation>%1 : le motif &apos;%2&apos; n&apos;est pas une expression régulière valide : %3</translation>
    </message>
    <message>
        <source>%1: unknown type &apos;%2&apos; (counter, list, mac, uid, barcode)</source>
        <translation>%1 : type inconnu &apos;%2&apos; (counter, list, mac, uid, barcode)</translation>
    </message>
    <message>
        <source>%1: unknown key &apos;%2&apos; for a %3 pool</source>
        <translation>%1 : clé inconnue &apos;%2&apos; pour un pool de type %3</translation>
    </message>
    <message>
        <source>%1: first is above last</source>
        <translation>%1 : first est supérieur à last</translation>
    </message>
    <message>
        <source>database: %1</source>
        <translation>base de données : %1</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos;: the values leased to this station are used up and the database has not leased more (is it reachable?)</source>
        <translation>pool &apos;%1&apos; : les valeurs attribuées à ce poste sont épuisées et la base de données n&apos;en a pas attribué d&apos;autres (est-elle joignable ?)</translation>
    </message>
    <message>
        <source>--db sqlite:PATH needs a file path</source>
        <translation>--db sqlite:PATH a besoin d&apos;un chemin de fichier</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a PostgreSQL URL: use postgresql://USER@HOST[:PORT]/DATABASE</source>
        <translation>&apos;%1&apos; n&apos;est pas une URL PostgreSQL : utilisez postgresql://USER@HOST[:PORT]/DATABASE</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a database URL: use sqlite:PATH or postgresql://USER@HOST[:PORT]/DATABASE</source>
        <translation>&apos;%1&apos; n&apos;est pas une URL de base de données : utilisez sqlite:PATH ou postgresql://USER@HOST[:PORT]/DATABASE</translation>
    </message>
    <message>
        <source>the Qt driver %1 is missing (Debian package %2)</source>
        <translation>le pilote Qt %1 est absent (paquet Debian %2)</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>impossible d&apos;ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>%1 (in: %2)</source>
        <translation>%1 (dans : %2)</translation>
    </message>
    <message>
        <source>no id returned (in: %1)</source>
        <translation>aucun identifiant renvoyé (dans : %1)</translation>
    </message>
    <message>
        <source>schema version %1 was made by a newer Piton (this one knows up to %2)</source>
        <translation>la version de schéma %1 a été créée par un Piton plus récent (celui-ci connaît jusqu&apos;à %2)</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos; exists in the database with another definition; give this one another name (pools are shared by name)</source>
        <translation>le pool &apos;%1&apos; existe dans la base de données avec une autre définition ; donnez un autre nom à celui-ci (les pools sont partagés par nom)</translation>
    </message>
    <message>
        <source>the recipe %1 is not released in this database (an engineer runs piton-cli line recipe release first)</source>
        <translation>la recette %1 n&apos;est pas publiée dans cette base de données (un ingénieur exécute d&apos;abord piton-cli line recipe release)</translation>
    </message>
    <message>
        <source>the station stopped during this attempt (crash, kill or power loss); the board&apos;s state is unknown</source>
        <translation>le poste s&apos;est arrêté pendant cette tentative (plantage, kill ou coupure de courant) ; l&apos;état de la carte est inconnu</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos; is not in the database (release the recipe first)</source>
        <translation>le pool &apos;%1&apos; n&apos;est pas dans la base de données (publiez d&apos;abord la recette)</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos;: the code &apos;%2&apos; is already given to another board</source>
        <translation>pool &apos;%1&apos; : le code &apos;%2&apos; est déjà attribué à une autre carte</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos; is exhausted (its last value %2 is given)</source>
        <translation>le pool &apos;%1&apos; est épuisé (sa dernière valeur %2 est attribuée)</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos; changed under a write transaction</source>
        <translation>le pool &apos;%1&apos; a changé pendant une transaction d&apos;écriture</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos; is exhausted (every value of its list is given)</source>
        <translation>le pool &apos;%1&apos; est épuisé (chaque valeur de sa liste est attribuée)</translation>
    </message>
    <message>
        <source>list value &apos;%1&apos; was taken under a write transaction</source>
        <translation>la valeur de liste &apos;%1&apos; a été prise pendant une transaction d&apos;écriture</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos;: &apos;%2&apos; is already given (two boards with one unique id?)</source>
        <translation>pool &apos;%1&apos; : &apos;%2&apos; est déjà attribué (deux cartes avec un même identifiant unique ?)</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos; has an unknown type</source>
        <translation>le pool &apos;%1&apos; a un type inconnu</translation>
    </message>
    <message>
        <source>attempt %1 is no longer running (another station process marked it interrupted?)</source>
        <translation>la tentative %1 n&apos;est plus en cours (un autre processus de poste l&apos;a-t-il marquée interrompue ?)</translation>
    </message>
    <message>
        <source>no shift given (e.g. --shift early=06:00-14:00,late=14:00-22:00,night=22:00-06:00)</source>
        <translation>aucune équipe indiquée (p. ex. --shift early=06:00-14:00,late=14:00-22:00,night=22:00-06:00)</translation>
    </message>
    <message>
        <source>shift &apos;%1&apos;: use HH:MM-HH:MM or NAME=HH:MM-HH:MM (24-hour clock, local time)</source>
        <translation>équipe &apos;%1&apos; : utilisez HH:MM-HH:MM ou NAME=HH:MM-HH:MM (horloge de 24 heures, heure locale)</translation>
    </message>
    <message>
        <source>shift &apos;%1&apos; is empty (it starts where it ends)</source>
        <translation>l&apos;équipe &apos;%1&apos; est vide (elle commence où elle finit)</translation>
    </message>
    <message>
        <source>shift name &apos;%1&apos; is given twice</source>
        <translation>le nom d&apos;équipe &apos;%1&apos; est indiqué deux fois</translation>
    </message>
    <message>
        <source>shifts &apos;%1&apos; and &apos;%2&apos; overlap</source>
        <translation>les équipes &apos;%1&apos; et &apos;%2&apos; se chevauchent</translation>
    </message>
    <message>
        <source>%1 of pool &apos;%2&apos; is already given to another board</source>
        <translation>%1 du pool &apos;%2&apos; est déjà attribué à une autre carte</translation>
    </message>
    <message>
        <source>pool &apos;%1&apos;: the scanned code &apos;%2&apos; is held by board %3 (attempt %4); both were scanned while the server was unreachable</source>
        <translation>pool &apos;%1&apos; : le code scanné &apos;%2&apos; appartient à la carte %3 (tentative %4) ; les deux ont été scannés pendant que le serveur était injoignable</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no account in this database (an engineer adds it: piton-cli line account add)</source>
        <translation>&apos;%1&apos; n&apos;a pas de compte dans cette base de données (un ingénieur le crée : piton-cli line account add)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has a password: give it (log in on the Line page; piton-cli reads PITON_LINE_PASSWORD)</source>
        <translation>&apos;%1&apos; a un mot de passe : indiquez-le (connexion sur la page Ligne ; piton-cli lit PITON_LINE_PASSWORD)</translation>
    </message>
    <message>
        <source>the password of &apos;%1&apos; is wrong</source>
        <translation>le mot de passe de &apos;%1&apos; est erroné</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is an operator; only an engineer may do this</source>
        <translation>&apos;%1&apos; est opérateur ; seul un ingénieur peut faire cela</translation>
    </message>
    <message>
        <source>a role is &apos;operator&apos; or &apos;engineer&apos;, not &apos;%1&apos;</source>
        <translation>un rôle est « operator » ou « engineer », pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>an account needs a name without leading or trailing spaces</source>
        <translation>un compte a besoin d&apos;un nom sans espaces au début ni à la fin</translation>
    </message>
    <message>
        <source>&apos;%1&apos; already has an account (%2)</source>
        <translation>&apos;%1&apos; a déjà un compte (%2)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no account in this database</source>
        <translation>&apos;%1&apos; n&apos;a pas de compte dans cette base de données</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no password yet (an engineer sets one: piton-cli line account passwd)</source>
        <translation>&apos;%1&apos; n&apos;a pas encore de mot de passe (un ingénieur en définit un : piton-cli line account passwd)</translation>
    </message>
    <message>
        <source>the name or the password is wrong</source>
        <translation>le nom ou le mot de passe est erroné</translation>
    </message>
    <message>
        <source>a password needs at least %1 characters</source>
        <translation>un mot de passe doit comporter au moins %1 caractères</translation>
    </message>
    <message>
        <source>no random bytes for the password&apos;s salt (OpenSSL RAND_bytes failed)</source>
        <translation>pas d&apos;octets aléatoires pour le sel du mot de passe (échec d&apos;OpenSSL RAND_bytes)</translation>
    </message>
    <message>
        <source>the password could not be hashed (OpenSSL PKCS5_PBKDF2_HMAC failed)</source>
        <translation>le mot de passe n&apos;a pas pu être haché (échec d&apos;OpenSSL PKCS5_PBKDF2_HMAC)</translation>
    </message>
    <message>
        <source>%1: unknown key &apos;%2&apos; (allowed: %3)</source>
        <translation>%1 : clé inconnue &apos;%2&apos; (autorisées : %3)</translation>
    </message>
    <message>
        <source>not JSON: %1 at byte %2</source>
        <translation>pas du JSON : %1 à l&apos;octet %2</translation>
    </message>
    <message>
        <source>a recipe is a JSON object</source>
        <translation>une recette est un objet JSON</translation>
    </message>
    <message>
        <source>recipe</source>
        <translation>recette</translation>
    </message>
    <message>
        <source>&apos;format&apos; must be &quot;%1&quot; (is %2)</source>
        <translation>« format » doit être &quot;%1&quot; (c&apos;est %2)</translation>
    </message>
    <message>
        <source>&apos;credential&apos; must name a credential file (.ptcred, from piton-cli access issue)</source>
        <translation>« credential » doit nommer un justificatif (.ptcred, issu de piton-cli access issue)</translation>
    </message>
    <message>
        <source>&apos;name&apos; is missing</source>
        <translation>« name » est absent</translation>
    </message>
    <message>
        <source>&apos;board&apos; must be a board id of 1..31 printable ASCII characters</source>
        <translation>« board » doit être un identifiant de carte de 1..31 caractères ASCII imprimables</translation>
    </message>
    <message>
        <source>packages[%1]</source>
        <translation>packages[%1]</translation>
    </message>
    <message>
        <source>%1: &apos;file&apos; is missing</source>
        <translation>%1 : « file » est absent</translation>
    </message>
    <message>
        <source>%1: &apos;sha256&apos; must be 64 hex digits (the SHA-256 of the .ptpkg file)</source>
        <translation>%1 : « sha256 » doit comporter 64 chiffres hexadécimaux (le SHA-256 du fichier .ptpkg)</translation>
    </message>
    <message>
        <source>config[%1]</source>
        <translation>config[%1]</translation>
    </message>
    <message>
        <source>%1 (%2): give either &apos;value&apos; or &apos;pool&apos;</source>
        <translation>%1 (%2) : indiquez soit « value » soit « pool »</translation>
    </message>
    <message>
        <source>%1: key &apos;%2&apos; is written twice</source>
        <translation>%1 : la clé &apos;%2&apos; est écrite deux fois</translation>
    </message>
    <message>
        <source>%1 (%2): no pool &apos;%3&apos; in &apos;pools&apos;</source>
        <translation>%1 (%2) : pas de pool &apos;%3&apos; dans « pools »</translation>
    </message>
    <message>
        <source>%1: pool &apos;%2&apos; holds &apos;%3&apos;: %4</source>
        <translation>%1 : le pool &apos;%2&apos; contient &apos;%3&apos; : %4</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1: pool &apos;%2&apos; makes values like &apos;%3&apos;: %4</source>
        <translation>%1 : le pool &apos;%2&apos; produit des valeurs comme &apos;%3&apos; : %4</translation>
    </message>
    <message>
        <source>&apos;steps&apos; is missing or empty (e.g. [{&quot;step&quot;:&quot;deploy&quot;},{&quot;step&quot;:&quot;config&quot;},{&quot;step&quot;:&quot;verify&quot;}])</source>
        <translation>« steps » est absent ou vide (p. ex. [{&quot;step&quot;:&quot;deploy&quot;},{&quot;step&quot;:&quot;config&quot;},{&quot;step&quot;:&quot;verify&quot;}])</translation>
    </message>
    <message>
        <source>steps[%1] (%2)</source>
        <translation>steps[%1] (%2)</translation>
    </message>
    <message>
        <source>steps[%1]: unknown step &apos;%2&apos; (backup, deploy, config, verify, confirm, reboot, lock)</source>
        <translation>steps[%1] : étape inconnue &apos;%2&apos; (backup, deploy, config, verify, confirm, reboot, lock)</translation>
    </message>
    <message>
        <source>%1: retries must be 0..5</source>
        <translation>%1 : retries doit être 0..5</translation>
    </message>
    <message>
        <source>%1: this step is not safe to repeat and is never retried</source>
        <translation>%1 : cette étape ne peut pas être répétée sans risque et n&apos;est jamais réessayée</translation>
    </message>
    <message>
        <source>%1: timeoutMs must be 1000..600000</source>
        <translation>%1 : timeoutMs doit être 1000..600000</translation>
    </message>
    <message>
        <source>%1: the board is locked once</source>
        <translation>%1 : la carte n&apos;est verrouillée qu&apos;une fois</translation>
    </message>
    <message>
        <source>%1: the recipe has no &apos;config&apos; entries to write</source>
        <translation>%1 : la recette n&apos;a pas d&apos;entrées « config » à écrire</translation>
    </message>
    <message>
        <source>%1: the recipe has no &apos;packages&apos;</source>
        <translation>%1 : la recette n&apos;a pas de « packages »</translation>
    </message>
    <message>
        <source>%1: needs &apos;dir&apos;, the folder for the backups</source>
        <translation>%1 : a besoin de « dir », le dossier des sauvegardes</translation>
    </message>
    <message>
        <source>%1: only &apos;reboot&apos; may follow &apos;lock&apos; (locking is irreversible: it comes last)</source>
        <translation>%1 : seul « reboot » peut suivre « lock » (le verrouillage est irréversible : il vient en dernier)</translation>
    </message>
    <message>
        <source>&apos;failedIdentifiers&apos; must be &quot;void&quot; or &quot;keep-for-board&quot;, is &apos;%1&apos;</source>
        <translation>« failedIdentifiers » doit être &quot;void&quot; ou &quot;keep-for-board&quot;, c&apos;est &apos;%1&apos;</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>cannot read package %1: %2</source>
        <translation>impossible de lire le paquet %1 : %2</translation>
    </message>
    <message>
        <source>package %1 has SHA-256 %2, the recipe pins %3 (the file changed after the recipe was made)</source>
        <translation>le paquet %1 a le SHA-256 %2, la recette fixe %3 (le fichier a changé après la création de la recette)</translation>
    </message>
    <message>
        <source>package %1 is built for board &apos;%2&apos;, the recipe is for &apos;%3&apos;</source>
        <translation>le paquet %1 est construit pour la carte &apos;%2&apos;, la recette est pour &apos;%3&apos;</translation>
    </message>
    <message>
        <source>another board (unique id %1) answers in this slot now; the attempt&apos;s board was %2</source>
        <translation>une autre carte (identifiant unique %1) répond maintenant dans cet emplacement ; la carte de la tentative était %2</translation>
    </message>
    <message>
        <source>cannot create the backup folder %1</source>
        <translation>impossible de créer le dossier de sauvegarde %1</translation>
    </message>
    <message>
        <source>%1 is &apos;%2&apos;, expected &apos;%3&apos;</source>
        <translation>%1 vaut &apos;%2&apos;, attendu &apos;%3&apos;</translation>
    </message>
    <message>
        <source>config read back differs: %1</source>
        <translation>la configuration relue diffère : %1</translation>
    </message>
    <message>
        <source>the board answered LOCK but INFO still reports it unlocked</source>
        <translation>la carte a répondu à LOCK mais INFO la signale toujours déverrouillée</translation>
    </message>
    <message>
        <source>step %1 is not supported</source>
        <translation>l&apos;étape %1 n&apos;est pas prise en charge</translation>
    </message>
    <message>
        <source>the scanned code &apos;%1&apos; cannot be config entry %2: %3</source>
        <translation>le code scanné &apos;%1&apos; ne peut pas être l&apos;entrée de configuration %2 : %3</translation>
    </message>
    <message>
        <source>the attempt could not be recorded: %1</source>
        <translation>la tentative n&apos;a pas pu être enregistrée : %1</translation>
    </message>
    <message>
        <source>the board is a &apos;%1&apos;, the recipe is for &apos;%2&apos;; nothing was changed</source>
        <translation>la carte est une &apos;%1&apos;, la recette est pour &apos;%2&apos; ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>the station&apos;s credential was refused: %1</source>
        <translation>le justificatif du poste a été refusé : %1</translation>
    </message>
    <message>
        <source>the station was stopped</source>
        <translation>le poste a été arrêté</translation>
    </message>
    <message>
        <source>the slot was stopped</source>
        <translation>l&apos;emplacement a été arrêté</translation>
    </message>
    <message>
        <source>the recipe has no barcode pool: a scanned code has nothing to provide</source>
        <translation>la recette n&apos;a pas de pool de codes-barres : un code scanné n&apos;a rien à fournir</translation>
    </message>
    <message>
        <source>there is no slot %1 (slots 1..%2)</source>
        <translation>il n&apos;y a pas d&apos;emplacement %1 (emplacements 1..%2)</translation>
    </message>
    <message>
        <source>the scanned code is empty</source>
        <translation>le code scanné est vide</translation>
    </message>
    <message>
        <source>no slot given (--slot URI, one per slot)</source>
        <translation>aucun emplacement indiqué (--slot URI, un par emplacement)</translation>
    </message>
    <message>
        <source>slot &apos;%1&apos;: %2</source>
        <translation>emplacement &apos;%1&apos; : %2</translation>
    </message>
    <message>
        <source>slot &apos;%1&apos;: the ROM bootloader link is not supported in line mode</source>
        <translation>emplacement &apos;%1&apos; : la liaison avec le chargeur d&apos;amorçage ROM n&apos;est pas prise en charge en mode ligne</translation>
    </message>
    <message>
        <source>slot &apos;%1&apos; is given twice</source>
        <translation>l&apos;emplacement &apos;%1&apos; est indiqué deux fois</translation>
    </message>
    <message>
        <source>credential %1: %2</source>
        <translation>justificatif %1 : %2</translation>
    </message>
    <message>
        <source>database: cannot create the folder of the journal %1</source>
        <translation>base de données : impossible de créer le dossier du journal %1</translation>
    </message>
    <message>
        <source>station &apos;%1&apos; is already running on this database (process %2 on %3); give each running station its own --station name</source>
        <translation>le poste &apos;%1&apos; fonctionne déjà sur cette base de données (processus %2 sur %3) ; donnez à chaque poste en marche son propre nom --station</translation>
    </message>
    <message>
        <source>database: cannot create the station lock %1</source>
        <translation>base de données : impossible de créer le verrou de poste %1</translation>
    </message>
    <message>
        <source>the lease size must be 1..10000</source>
        <translation>la taille d&apos;attribution doit être 1..10000</translation>
    </message>
    <message>
        <source>the journal %1 belongs to station &apos;%2&apos;; give this station its own --journal</source>
        <translation>le journal %1 appartient au poste &apos;%2&apos; ; donnez à ce poste son propre --journal</translation>
    </message>
    <message>
        <source>%1; the station cannot start without the server: %2</source>
        <translation>%1 ; le poste ne peut pas démarrer sans le serveur : %2</translation>
    </message>
    <message>
        <source>its journal %1 does not exist yet (start it once while the server is reachable)</source>
        <translation>son journal %1 n&apos;existe pas encore (démarrez-le une fois quand le serveur est joignable)</translation>
    </message>
    <message>
        <source>this recipe was never run by this station while the server was reachable</source>
        <translation>cette recette n&apos;a jamais été exécutée par ce poste quand le serveur était joignable</translation>
    </message>
    <message>
        <source>no value of pool &apos;%1&apos; is leased to it</source>
        <translation>aucune valeur du pool &apos;%1&apos; ne lui est attribuée</translation>
    </message>
    <message>
        <source>its journal holds no copy of the accounts to check the operator against (start it once while the server is reachable)</source>
        <translation>son journal ne contient aucune copie des comptes pour vérifier l&apos;opérateur (démarrez-le une fois quand le serveur est joignable)</translation>
    </message>
    <message>
        <source>%1 (checked against the journal&apos;s copy of the accounts of %2, the server is unreachable)</source>
        <translation>%1 (vérifié avec la copie des comptes du journal du %2, le serveur est injoignable)</translation>
    </message>
</context>
</TS>
