#!/bin/bash
# pidgin-config.sh CONFDIR PORT PLUGIN_SO [CAFILE]
#   Writes a throwaway Pidgin/Finch configuration directory (for `pidgin -c
#   CONFDIR`): alice@home.example with a saved password and auto-login, the
#   plugin copied in and enabled, the server certificate pinned so that no
#   "Accept certificate?" dialog appears, and quiet defaults (no sounds, no
#   logs, the buddy list at the top left).
#   IOT_CONF_LOGS=txt|html keeps conversation logs in that format (tests).
#   IOT_CONF_BLIST_HEIGHT=N makes the buddy list N pixels tall (default 520;
#   tests make it tall enough that the whole home fits without scrolling).
set -eu
C=$1 PORT=$2 SO=$3 CA=${4:-}
LOG_FORMAT=${IOT_CONF_LOGS:-}
BLIST_HEIGHT=${IOT_CONF_BLIST_HEIGHT:-520}
LOG_IMS=0
[ -n "$LOG_FORMAT" ] && LOG_IMS=1
mkdir -p "$C/plugins" "$C/certificates/x509/tls_peers"
cp "$SO" "$C/plugins/"
PLUG="$C/plugins/$(basename "$SO")"
if [ -n "$CA" ]; then cp "$CA" "$C/certificates/x509/tls_peers/127.0.0.1"; fi

cat > "$C/accounts.xml" <<XML
<?xml version='1.0' encoding='UTF-8' ?>
<account version='1.0'>
	<account>
		<protocol>prpl-jabber</protocol>
		<name>alice@home.example/pidgin</name>
		<password>alicepass</password>
		<alias>Alice</alias>
		<settings>
			<setting name='connect_server' type='string'>127.0.0.1</setting>
			<setting name='port' type='int'>$PORT</setting>
			<setting name='connection_security' type='string'>opportunistic_tls</setting>
			<setting name='auth_plain_in_clear' type='bool'>1</setting>
		</settings>
		<settings ui='gtk-gaim'><setting name='auto-login' type='bool'>1</setting></settings>
		<settings ui='gnt-purple'><setting name='auto-login' type='bool'>1</setting></settings>
	</account>
</account>
XML

cat > "$C/prefs.xml" <<XML
<?xml version='1.0' encoding='UTF-8' ?>
<pref version='1' name='/'>
	<pref name='pidgin'>
		<pref name='plugins'><pref name='loaded' type='pathlist'><item value='$PLUG'/></pref></pref>
		<pref name='sound'><pref name='method' type='string' value='none'/></pref>
		<pref name='docklet'><pref name='show' type='string' value='never'/></pref>
		<pref name='blist'>
			<pref name='show_offline_buddies' type='bool' value='1'/>
			<pref name='width' type='int' value='300'/>
			<pref name='height' type='int' value='$BLIST_HEIGHT'/>
			<pref name='x' type='int' value='0'/>
			<pref name='y' type='int' value='0'/>
		</pref>
		<pref name='conversations'>
			<pref name='im'>
				<pref name='x' type='int' value='310'/>
				<pref name='y' type='int' value='0'/>
				<pref name='width' type='int' value='700'/>
				<pref name='height' type='int' value='560'/>
			</pref>
		</pref>
	</pref>
	<pref name='finch'>
		<pref name='plugins'><pref name='loaded' type='pathlist'><item value='$PLUG'/></pref></pref>
	</pref>
	<pref name='purple'>
		<pref name='logging'>
			<pref name='format' type='string' value='${LOG_FORMAT:-html}'/>
			<pref name='log_ims' type='bool' value='$LOG_IMS'/>
			<pref name='log_chats' type='bool' value='0'/>
			<pref name='log_system' type='bool' value='0'/>
		</pref>
	</pref>
</pref>
XML
